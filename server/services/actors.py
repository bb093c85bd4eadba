"""Who did a thing: a device, a staff member or the worker; written on every transition."""

from dataclasses import dataclass

from server.models import Device, DeviceKind


@dataclass(frozen=True)
class Actor:
    name: str
    device_id: int | None = None
    store_id: int | None = None
    kind: DeviceKind | None = None

    @classmethod
    def of_device(cls, device: Device) -> "Actor":
        # The clerk on shift at a window is the person who acts; the device says where.
        return cls(
            name=f"clerk:{device.clerk}" if device.clerk else f"device:{device.name}",
            device_id=device.id,
            store_id=device.store_id,
            kind=device.kind,
        )


WORKER = Actor(name="worker")
