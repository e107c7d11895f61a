from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced


class User(Synced, Base):
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: A memory-hard hash (argon2id); never the password itself.
    password_hash: Mapped[str | None] = mapped_column(String(200))
