"""Translated texts for the services' error codes, shown next to form fields and in
message boxes of the incidents and contacts screens, the label that shows them, and the
question before an unsaved form is dropped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.messages import field_label
from desk_app.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    TransitionNotAllowedError,
    ValidationError,
)
from desk_app.ui.labels import status_name
from desk_app.ui.settings import ui_language


class ErrorLabel(QLabel):
    """A message in red under a field or a form; hidden while there is none."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def field_error_text(code: str) -> str:
    """The message for a field's error code (``ValidationError.errors`` values)."""
    texts = {
        "required": QCoreApplication.translate("FormErrors", "Wajib diisi."),
        "too_long": QCoreApplication.translate("FormErrors", "Terlalu panjang."),
        "invalid_characters": QCoreApplication.translate(
            "FormErrors", "Berisi karakter yang tidak sah."
        ),
        "unknown_region": QCoreApplication.translate("FormErrors", "Kabupaten/kota tidak dikenal."),
        "region_mismatch": QCoreApplication.translate(
            "FormErrors", "Kode wilayah dan nama kabupaten/kota menunjuk wilayah yang berbeda."
        ),
        "unknown_category": QCoreApplication.translate("FormErrors", "Kategori tidak dikenal."),
        "unknown_subject": QCoreApplication.translate(
            "FormErrors", "Subjek netralitas tidak dikenal."
        ),
        "severity_range": QCoreApplication.translate(
            "FormErrors", "Pilih tingkat keparahan 1 sampai 4."
        ),
        "unknown_source": QCoreApplication.translate("FormErrors", "Sumber tidak dikenal."),
        "unknown_platform": QCoreApplication.translate("FormErrors", "Platform tidak dikenal."),
        "invalid_link": QCoreApplication.translate(
            "FormErrors", "Tautan harus diawali http:// atau https://."
        ),
        "timezone_required": QCoreApplication.translate(
            "FormErrors", "Zona waktu tidak diketahui."
        ),
        "in_future": QCoreApplication.translate("FormErrors", "Tidak boleh di masa depan."),
        "too_early": QCoreApplication.translate("FormErrors", "Terlalu lampau."),
        "after_reported": QCoreApplication.translate(
            "FormErrors", "Waktu kejadian tidak boleh setelah waktu laporan."
        ),
        "unknown_user": QCoreApplication.translate(
            "FormErrors", "Pengguna tidak dikenal atau nonaktif."
        ),
        "unknown_status": QCoreApplication.translate("FormErrors", "Status tidak dikenal."),
        "unknown_follow_up_type": QCoreApplication.translate(
            "FormErrors", "Jenis tindak lanjut tidak dikenal."
        ),
        "unknown_engagement_type": QCoreApplication.translate(
            "FormErrors", "Jenis kegiatan tidak dikenal."
        ),
        "unknown_forum": QCoreApplication.translate("FormErrors", "Forum tidak dikenal."),
        "invalid_phone": QCoreApplication.translate(
            "FormErrors", "Nomor telepon tidak sah (contoh: 0812-3456-7890)."
        ),
        "invalid_email": QCoreApplication.translate("FormErrors", "Alamat e-mail tidak sah."),
        "invalid_date": QCoreApplication.translate("FormErrors", "Tanggal/waktu tidak sah."),
        "unreadable_date": QCoreApplication.translate(
            "FormErrors", "Tanggal/waktu tidak terbaca. Tulis mis. 05/12/2026 13:30."
        ),
        "invalid_boolean": QCoreApplication.translate("FormErrors", "Harus ya atau tidak."),
        "unknown_field": QCoreApplication.translate("FormErrors", "Kolom ini tidak dapat diubah."),
    }
    return texts.get(code, code)


def field_name(name: str) -> str:
    """A field's name in the interface's language, from the one catalogue
    (``desk_app.messages.FIELDS``) the CLI and the imports use too."""
    return field_label(name, ui_language())


def describe_errors(errors: dict[str, str]) -> str:
    """ "Judul: Wajib diisi.; Keparahan: ..." for a row of an import report."""
    return "; ".join(f"{field_name(f)}: {field_error_text(c)}" for f, c in errors.items())


def error_text(exc: Exception) -> str:
    """A sentence for any refused request."""
    if isinstance(exc, ValidationError):
        return describe_errors(exc.errors)
    if isinstance(exc, PermissionDeniedError):
        return QCoreApplication.translate(
            "FormErrors", "Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah."
        )
    if isinstance(exc, TransitionNotAllowedError):
        return QCoreApplication.translate(
            "FormErrors", "Status tidak dapat diubah dari {0} ke {1}."
        ).format(status_name(exc.values["from_status"]), status_name(exc.values["to_status"]))
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate(
            "FormErrors", "Data tidak ditemukan (mungkin sudah dihapus atau digabung)."
        )
    if isinstance(exc, ServiceError):
        codes = {
            "merge_same": QCoreApplication.translate(
                "FormErrors", "Insiden tidak dapat digabung dengan dirinya sendiri."
            ),
            "unsupported_format": QCoreApplication.translate(
                "FormErrors", "Jenis berkas tidak didukung. Gunakan CSV, XLSX atau vCard."
            ),
            "unreadable_file": QCoreApplication.translate(
                "FormErrors", "Berkas tidak dapat dibaca."
            ),
            "truncated_file": QCoreApplication.translate(
                "FormErrors", "Berkas terpotong atau rusak. Simpan ulang lalu coba lagi."
            ),
            "empty_file": QCoreApplication.translate(
                "FormErrors", "Berkas kosong: tidak ada baris judul kolom."
            ),
            "import_cancelled": QCoreApplication.translate(
                "FormErrors", "Impor dibatalkan. Tidak ada yang disimpan."
            ),
        }
        return codes.get(exc.code, str(exc))
    return QCoreApplication.translate("FormErrors", "Terjadi kesalahan: {0}").format(exc)


def file_error_text(exc: Exception, *, writing: bool) -> str:
    """A file that could not be written or read: which file, and why (the system's words)."""
    if not isinstance(exc, OSError):
        return error_text(exc)
    name = str(exc.filename or "")
    why = exc.strerror or str(exc)
    if writing:
        return QCoreApplication.translate(
            "FormErrors", "Berkas {0} tidak dapat ditulis ({1})."
        ).format(name, why)
    return QCoreApplication.translate("FormErrors", "Berkas {0} tidak dapat dibaca ({1}).").format(
        name, why
    )


def confirm_discard(parent: QWidget) -> bool:
    """Ask before a form's unsaved entries are dropped; True to drop them."""
    from desk_app.ui.context import dialogs_for

    tr = QCoreApplication.translate
    return dialogs_for(parent).ask(
        parent,
        tr("FormErrors", "Batalkan isian"),
        tr("FormErrors", "Isian formulir ini belum disimpan. Buang isian ini?"),
    )
