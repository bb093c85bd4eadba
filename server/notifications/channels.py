"""Where messages go: an HTTP SMS gateway, SMTP, or (for the demo) a file.

Each send carries the outbox id as the message id, so a gateway that deduplicates
drops the rare repeat after a worker crash between sending and recording.
"""

import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import requests

from server.models import Channel


class ChannelError(Exception):
    """The message did not go; it will be retried."""


class ChannelDown(ChannelError):
    """The gateway or mail server did not answer at all (down, or hanging past the timeout):
    the next message on this channel would only wait as long again."""


class Outgoing(Protocol):
    """What a channel reads of a message: a Notification, or the worker's claimed copy."""

    @property
    def id(self) -> int: ...
    @property
    def recipient(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...


class Sender(Protocol):
    def send(self, message: Outgoing) -> None: ...


@dataclass
class HttpSmsGateway:
    url: str
    login: str
    password: str
    sender: str
    timeout: float = 10.0

    def send(self, message: Outgoing) -> None:
        try:
            answer = requests.post(
                self.url,
                json={
                    "sender": self.sender,
                    "to": message.recipient,
                    "text": message.body,
                    "message_id": f"cm-{message.id}",
                },
                auth=(self.login, self.password),
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise ChannelDown(f"SMS gateway unreachable: {exc}") from exc
        if answer.status_code >= 300:
            raise ChannelError(f"SMS gateway answered {answer.status_code}: {answer.text[:200]}")


@dataclass
class FileSms:
    """The demo's gateway: one line per message in a file a person can read."""

    path: str
    _ready: bool = field(default=False, init=False, repr=False)

    def send(self, message: Outgoing) -> None:
        if not self._ready:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._ready = True
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{message.recipient}\t{message.body}\n")


@dataclass
class SmtpMailer:
    host: str
    port: int
    sender: str
    user: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0

    def send(self, message: Outgoing) -> None:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Message-ID"] = f"<cm-{message.id}@cybermarket>"
        mail.set_content(message.body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(mail)
        except (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected) as exc:
            raise ChannelDown(f"SMTP server unreachable: {exc}") from exc
        except smtplib.SMTPException as exc:  # an OSError too, but an answer: this mail only
            raise ChannelError(f"SMTP failed: {exc}") from exc
        except OSError as exc:  # refused, or no answer within the timeout
            raise ChannelDown(f"SMTP server unreachable: {exc}") from exc


def make_senders(config: dict[str, Any]) -> dict[Channel, Sender]:
    url = config["SMS_GATEWAY_URL"]
    senders: dict[Channel, Sender] = {
        Channel.SMS: FileSms(url[len("file:") :])
        if url.startswith("file:")
        else HttpSmsGateway(url, config["SMS_LOGIN"], config["SMS_PASSWORD"], config["SMS_SENDER"])
    }
    if config["SMTP_HOST"]:
        senders[Channel.EMAIL] = SmtpMailer(
            config["SMTP_HOST"],
            int(config["SMTP_PORT"]),
            config["SMTP_FROM"],
            config["SMTP_USER"],
            config["SMTP_PASSWORD"],
            bool(config["SMTP_STARTTLS"]),
        )
    return senders
