"""Failed staff sign-ins, kept for a quarter of an hour to stop password guessing."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class SignInAttempt(Base):
    """One wrong name or password, counted per user name and per address.

    In the database, not in memory: every server process counts the same failures.
    """

    __tablename__ = "signin_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
