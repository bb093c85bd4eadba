"""Who did a thing: a device, a staff member or the worker; written on every transition."""

from dataclasses import dataclass

from server.models import Device, DeviceKind, StaffUser


@dataclass(frozen=True)
class Actor:
    name: str
    device_id: int | None = None
    store_id: int | None = None
    kind: DeviceKind | None = None
    # The person's staff account, when one is known (a picker, a clerk with an account).
    staff_id: int | None = None

    @classmethod
    def of_device(cls, device: Device) -> "Actor":
        # The clerk on shift at a window is the person who acts; the device says where.
        return cls(
            name=f"clerk:{device.clerk}" if device.clerk else f"device:{device.name}",
            device_id=device.id,
            store_id=device.store_id,
            kind=device.kind,
            staff_id=device.staff_id,
        )

    @classmethod
    def of_picker(cls, device: Device, picker: StaffUser) -> "Actor":
        """A picker who chose themself on the warehouse screen of this device."""
        return cls(
            name=f"picker:{picker.full_name}"[:80],
            device_id=device.id,
            store_id=device.store_id,
            kind=device.kind,
            staff_id=picker.id,
        )


WORKER = Actor(name="worker")
