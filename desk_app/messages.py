"""Messages for typed errors, in Indonesian and English, for the command line; and the
one catalogue of field names.

The GUI has its own translated texts (Qt Linguist) for its screens; this catalogue serves
the CLI and logs, where Qt is not loaded. Field names are the exception: ``FIELDS`` is the
one place a field's name is written, for the forms' messages (``field_label``), the CLI's
and the import/export columns (``FIELD_NAMES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldText:
    """A field's name in Indonesian and English: ``label`` on forms and in the messages
    next to a field; ``column`` (when it differs) as an import/export column header and in
    the CLI's messages."""

    label: tuple[str, str]
    column: tuple[str, str] | None = None

    @property
    def column_name(self) -> tuple[str, str]:
        return self.column or self.label


#: Every field's name, by the name the services use for it (``ValidationError`` keys).
FIELDS: dict[str, FieldText] = {
    "ref": FieldText(("No. insiden", "Incident no.")),
    "title": FieldText(("Judul", "Title")),
    "region": FieldText(("Kabupaten/kota", "Regency/city")),
    "region_codes": FieldText(("Wilayah", "Region"), ("Wilayah", "Regions")),
    "category": FieldText(("Kategori", "Category")),
    "neutrality_subject": FieldText(("Subjek netralitas", "Neutrality subject")),
    "severity": FieldText(("Keparahan", "Severity"), ("Tingkat keparahan", "Severity")),
    "source_type": FieldText(("Sumber", "Source")),
    "platform": FieldText(("Platform", "Platform")),
    "link": FieldText(("Tautan", "Link")),
    "occurred_at": FieldText(
        ("Waktu kejadian", "Occurred"), ("Waktu kejadian", "Time of occurrence")
    ),
    "reported_at": FieldText(("Waktu laporan", "Reported"), ("Waktu laporan", "Time reported")),
    "kecamatan": FieldText(("Kecamatan", "District")),
    "desa": FieldText(("Desa/kelurahan", "Village")),
    "reporter_name": FieldText(("Nama pelapor", "Reporter's name")),
    "reporter_contact": FieldText(("Kontak pelapor", "Reporter's contact")),
    "description": FieldText(("Uraian", "Description")),
    "assigned_to": FieldText(("Petugas", "Assignee")),
    "status": FieldText(("Status", "Status")),
    "note": FieldText(("Catatan", "Note")),
    "type": FieldText(("Jenis", "Type")),
    "name": FieldText(("Nama", "Name")),
    "phones": FieldText(("Nomor telepon", "Phone numbers")),
    "whatsapp": FieldText(("WhatsApp", "WhatsApp")),
    "email": FieldText(("E-mail", "E-mail")),
    "forums": FieldText(("Forum", "Forum"), ("Forum", "Forums")),
    "province_wide": FieldText(("Seluruh provinsi", "Province-wide")),
    "reason": FieldText(("Alasan", "Reason")),
    "level": FieldText(("Tingkat siaga", "Alert level")),
    "from_level": FieldText(("Tingkat siaga sebelumnya", "Previous alert level")),
    "to_level": FieldText(("Tingkat siaga baru", "New alert level")),
    "summary": FieldText(("Ringkasan", "Summary")),
    "occurred_on": FieldText(("Tanggal", "Date")),
    "workstation_code": FieldText(("Kode workstation", "Workstation code")),
    "honorific": FieldText(("Gelar", "Honorific")),
    "position": FieldText(("Jabatan", "Position")),
    "organisation": FieldText(("Organisasi", "Organisation")),
    "address": FieldText(("Alamat", "Address")),
    "basis": FieldText(("Dasar/persetujuan", "Basis/consent")),
    "notes": FieldText(("Catatan", "Note"), ("Catatan", "Notes")),
    "social": FieldText(("Akun media sosial", "Social accounts")),
    "campaign_end": FieldText(("Akhir kampanye", "End of campaign")),
    "quiet_end": FieldText(("Akhir masa tenang", "End of quiet period")),
    "username": FieldText(("Nama pengguna", "User name")),
    "password": FieldText(("Kata sandi", "Password")),
    "role": FieldText(("Peran", "Role")),
    "full_name": FieldText(("Nama lengkap", "Full name")),
}


def field_label(name: str, lang: str = "id") -> str:
    """A field's name as a form shows it (the name itself for a field not catalogued)."""
    text = FIELDS.get(name)
    return _pick(text.label, lang) if text is not None else name


#: Incident statuses and severities by name (Indonesian, English), where no Qt catalogue
#: translates them: exports and the CLI. The window's are in ``desk_app/ui/labels.py``.
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "baru": ("Baru", "New"),
    "terverifikasi": ("Terverifikasi", "Verified"),
    "tidak_valid": ("Tidak valid", "Invalid"),
    "ditindaklanjuti": ("Ditindaklanjuti", "In follow-up"),
    "selesai": ("Selesai", "Closed"),
    "dibuka_kembali": ("Dibuka kembali", "Reopened"),
}
SEVERITY_NAMES: dict[int, tuple[str, str]] = {
    1: ("Rendah", "Low"),
    2: ("Sedang", "Medium"),
    3: ("Tinggi", "High"),
    4: ("Kritis", "Critical"),
}


def status_label(status: str, lang: str = "id") -> str:
    pair = STATUS_NAMES.get(status)
    return _pick(pair, lang) if pair is not None else status


def severity_label(severity: int | None, lang: str = "id") -> str:
    pair = SEVERITY_NAMES.get(severity or 0)
    return _pick(pair, lang) if pair is not None else str(severity or "")


#: A field's name as an import/export column and in the CLI's messages.
FIELD_NAMES: dict[str, tuple[str, str]] = {name: text.column_name for name, text in FIELDS.items()}
FIELD_NAMES["logo"] = ("Logo kop laporan", "Report letterhead logo")

FIELD_ERRORS: dict[str, tuple[str, str]] = {
    "required": ("wajib diisi", "is required"),
    "too_long": ("terlalu panjang", "is too long"),
    "invalid_characters": ("berisi karakter yang tidak sah", "contains invalid characters"),
    "unknown_region": ("kode wilayah tidak dikenal", "unknown region code"),
    "region_mismatch": (
        "kode wilayah dan nama kabupaten/kota menunjuk wilayah yang berbeda",
        "the region code and the regency/city name point to different regions",
    ),
    "unknown_category": ("kategori tidak dikenal", "unknown category"),
    "unknown_subject": ("subjek tidak dikenal", "unknown subject"),
    "severity_range": ("harus 1 sampai 4", "must be 1 to 4"),
    "unknown_source": ("sumber tidak dikenal", "unknown source"),
    "unknown_platform": ("platform tidak dikenal", "unknown platform"),
    "invalid_link": (
        "harus berupa tautan http:// atau https://",
        "must be an http:// or https:// link",
    ),
    "timezone_required": ("zona waktu tidak diketahui", "has no time zone"),
    "in_future": ("tidak boleh di masa depan", "cannot be in the future"),
    "too_early": ("terlalu lampau", "is too far in the past"),
    "after_reported": (
        "tidak boleh setelah waktu laporan",
        "cannot be after the time reported",
    ),
    "unknown_user": ("pengguna tidak dikenal atau nonaktif", "unknown or disabled user"),
    "unknown_status": ("status tidak dikenal", "unknown status"),
    "unknown_follow_up_type": ("jenis tindak lanjut tidak dikenal", "unknown follow-up type"),
    "unknown_engagement_type": ("jenis kegiatan tidak dikenal", "unknown engagement type"),
    "unknown_forum": ("forum tidak dikenal", "unknown forum"),
    "invalid_phone": ("nomor telepon tidak sah", "not a valid phone number"),
    "invalid_email": ("alamat e-mail tidak sah", "not a valid e-mail address"),
    "unknown_level": (
        "harus kondusif, waspada, siaga atau awas",
        "must be kondusif, waspada, siaga or awas",
    ),
    "workstation_code_format": (
        "harus 2–6 huruf besar atau angka",
        "must be 2–6 capital letters or digits",
    ),
    "unknown_field": ("tidak dapat diubah", "cannot be changed"),
    "end_before_start": ("sebelum tanggal mulai", "is before the start date"),
    "after_voting_day": (
        "harus sebelum hari pemungutan suara",
        "must be before voting day",
    ),
    "invalid_date": ("tanggal/waktu tidak sah", "not a valid date/time"),
}

ERRORS: dict[str, tuple[str, str]] = {
    "not_found": ("{what} {key} tidak ditemukan.", "{what} {key} not found."),
    "permission_denied": (
        "Peran {role} tidak berwenang untuk tindakan ini ({action}). Tidak ada yang diubah.",
        "The {role} role may not do this ({action}). Nothing was changed.",
    ),
    "transition_not_allowed": (
        "Status tidak dapat diubah dari {from_status} ke {to_status}.",
        "The status cannot change from {from_status} to {to_status}.",
    ),
    "level_unchanged": (
        "Wilayah sudah berada pada tingkat siaga tersebut.",
        "The region is already at that alert level.",
    ),
    "merge_same": (
        "Insiden tidak dapat digabung dengan dirinya sendiri.",
        "An incident cannot be merged into itself.",
    ),
    "demo_exists": (
        "Data demo dengan seed {seed} sudah ada; gunakan --seed lain.",
        "Demo data for seed {seed} is already present; use another --seed.",
    ),
    "demo_not_empty": (
        "Data demo hanya untuk basis data yang masih kosong; basis data ini sudah berisi "
        "{what}. Gunakan folder data tersendiri (--data-dir). Tidak ada yang diubah.",
        "Demo data is only for an empty database; this one already holds {what}. Use a "
        "data directory of its own (--data-dir). Nothing was changed.",
    ),
    "demo_connected": (
        "Workstation ini terhubung ke hub ({url}): data demo tidak boleh dibuat di sini. "
        "Gunakan folder data tersendiri (--data-dir). Tidak ada yang diubah.",
        "This workstation is connected to a hub ({url}): demo data may not be made here. Use "
        "a data directory of its own (--data-dir). Nothing was changed.",
    ),
    "demo_database": (
        "Basis data ini berisi data demo dan tidak pernah disinkronkan.",
        "This database holds demo data and never syncs.",
    ),
    "sitrep_file_missing": (
        "Berkas Laporan Situasi {number} tidak ada di workstation ini ({path}).",
        "The file of situation report {number} is not on this workstation ({path}).",
    ),
    "sitrep_file_changed": (
        "Berkas Laporan Situasi {number} telah berubah sejak diterbitkan; jangan gunakan "
        "salinan ini ({path}).",
        "The file of situation report {number} has changed since it was issued; do not use "
        "this copy ({path}).",
    ),
    "user_disabled": ("Pengguna {user} dinonaktifkan.", "User {user} is disabled."),
    "db_too_new": (
        "Basis data ini dibuat oleh versi Desk Pilkada yang lebih baru (skema {revision}). "
        "Pasang versi terbaru; basis data tidak diubah.",
        "This database was written by a newer version of Desk Pilkada (schema {revision}). "
        "Install the newer version; the database was not changed.",
    ),
    "not_a_desk_db": (
        "{path} bukan basis data Desk Pilkada.",
        "{path} is not a Desk Pilkada database.",
    ),
    "db_damaged": (
        "Basis data {path} rusak atau bukan basis data Desk Pilkada, sehingga tidak dapat "
        "dibuka. Pulihkan dari cadangan: lihat `desk-app backups`, lalu "
        "`desk-app restore BERKAS` (berkas yang rusak disimpan apa adanya).",
        "The database {path} is damaged or not a Desk Pilkada database and cannot be opened. "
        "Restore a backup: see `desk-app backups`, then `desk-app restore FILE` (the damaged "
        "file is kept as it is).",
    ),
}

# --- accounts, backups, the safety net (issue 6) ---------------------------------------
FIELD_ERRORS |= {
    "section_left_out": (
        "diisi, tetapi bagiannya tidak dipilih untuk dicetak",
        "is given but its section is left out",
    ),
    "logo_not_an_image": (
        "bukan gambar PNG atau JPEG; pilih berkas lambang berformat PNG atau JPEG",
        "is not a PNG or JPEG image; choose the emblem as a PNG or JPEG file",
    ),
    "logo_unreadable": (
        "berkas gambar tidak dapat dibaca (rusak atau terpotong)",
        "the image file cannot be read (damaged or cut short)",
    ),
    "logo_too_large": (
        "gambar terlalu besar (maksimal 5 MB dan 5000 piksel per sisi)",
        "the image is too large (at most 5 MB and 5000 pixels a side)",
    ),
    "logo_too_small": (
        "gambar terlalu kecil (minimal 16 piksel per sisi)",
        "the image is too small (at least 16 pixels a side)",
    ),
    "password_too_short": (
        "minimal 8 karakter",
        "must have at least 8 characters",
    ),
    "username_format": (
        "2–60 huruf kecil, angka, titik, garis bawah atau tanda hubung",
        "2–60 lower-case letters, digits, dots, underscores or hyphens",
    ),
    "username_taken": ("sudah dipakai", "is already taken"),
    "unknown_role": (
        "harus operator, coordinator atau admin",
        "must be operator, coordinator or admin",
    ),
}
ERRORS |= {
    "bad_credentials": (
        "Nama pengguna atau kata sandi salah.",
        "Wrong user name or password.",
    ),
    "password_not_set": (
        "Pengguna {user} belum memiliki kata sandi. Minta administrator mengaturnya.",
        "User {user} has no password yet. Ask an administrator to set one.",
    ),
    "password_required": (
        "Kata sandi diperlukan: isi DESK_PASSWORD atau jalankan di terminal.",
        "A password is needed: set DESK_PASSWORD or run in a terminal.",
    ),
    "passwords_differ": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    "last_admin": (
        "{user} adalah administrator aktif terakhir; tidak ada yang diubah.",
        "{user} is the last active administrator; nothing was changed.",
    ),
    "already_set": (
        "Kata sandi administrator sudah diatur.",
        "The administrator's password is already set.",
    ),
    "setup_required": (
        "Desk ini belum memiliki administrator. Jalankan 'desk-app setup' (atau buka "
        "jendela aplikasi) untuk menetapkan kata sandi administrator terlebih dahulu.",
        "This desk has no administrator yet. Run 'desk-app setup' (or open the window) to "
        "choose the administrator's password first.",
    ),
    "backup_failed": (
        "Cadangan gagal: {reason}. Basis data tidak diubah.",
        "The backup failed: {reason}. The database was not changed.",
    ),
    "restore_failed": (
        "Pemulihan gagal: {reason}. Basis data saat ini tidak diubah.",
        "The restore failed: {reason}. The current database was not changed.",
    ),
    "other_desk": (
        "Cadangan ini dibuat oleh desk lain ({backup_code}); tidak ada yang diubah. Desk ini "
        "mengambil data desk lain hanya bila Anda menyetujuinya (desk-app restore --yes).",
        "This backup was made by another desk ({backup_code}); nothing was changed. This desk "
        "takes another desk's data only when you agree (desk-app restore --yes).",
    ),
    "no_backup": (
        "Tidak ada cadangan di folder cadangan {path}.",
        "There is no backup in the backups folder {path}.",
    ),
    "no_good_backup": (
        "Tidak ada cadangan di folder cadangan {path} yang lolos pemeriksaan.",
        "No backup in the backups folder {path} passes the checks.",
    ),
    "disk_full": (
        "Disk penuh: tidak ada yang disimpan. Kosongkan ruang lalu coba lagi.",
        "The disk is full: nothing was saved. Free some space and try again.",
    ),
    "read_only": (
        "Folder data {path} tidak dapat ditulisi: tidak ada yang disimpan.",
        "The data folder {path} cannot be written: nothing was saved.",
    ),
    "storage_error": (
        "Basis data tidak dapat ditulisi ({reason}); tidak ada yang disimpan.",
        "The database cannot be written ({reason}); nothing was saved.",
    ),
}

WHAT: dict[str, tuple[str, str]] = {
    "incident": ("Insiden", "Incident"),
    "region": ("Wilayah", "Region"),
    "contact": ("Kontak", "Contact"),
    "user": ("Pengguna", "User"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def field_error(field: str, code: str, lang: str = "id") -> str:
    name = _pick(FIELD_NAMES.get(field, (field, field)), lang)
    detail = _pick(FIELD_ERRORS.get(code, (code, code)), lang)
    return f"{name}: {detail}"


#: Why a pull stopped on this computer (``pull_interrupted``) and what to do first, by
#: storage problem: ((reason id, reason en), (step id, step en)).
STOPPED_BECAUSE: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "disk_full": (
        ("disk penuh", "the disk is full"),
        ("kosongkan ruang disk, lalu ", "free some disk space, then "),
    ),
    "read_only": (
        ("folder data tidak dapat ditulisi", "the data folder cannot be written"),
        ("pastikan folder data dapat ditulisi, lalu ", "make the data folder writable, then "),
    ),
}


def error_message(code: str, values: dict[str, Any], fallback: str, lang: str = "id") -> str:
    pair = ERRORS.get(code)
    if pair is None:
        return fallback
    shown = dict(values)
    if code == "hub_refused":
        shown["rule"] = hub_rule(str(shown.get("rule", "")), shown, lang)
    if "what" in shown:
        shown["what"] = _pick(WHAT.get(str(shown["what"]), (shown["what"],) * 2), lang)
    if code == "pull_interrupted":
        from desk_app.formats import format_number

        shown["kept"] = format_number(int(shown.get("kept") or 0), lang)
        known = STOPPED_BECAUSE.get(str(shown.get("reason", "")))
        shown["why"] = _pick(known[0], lang) if known else str(shown.get("detail") or "")
        shown["todo"] = _pick(known[1], lang) if known else ""
    try:
        return _pick(pair, lang).format(**shown)
    except (KeyError, IndexError):
        return fallback


# --- sync with the hub (issue 4) ---------------------------------------------------------
ERRORS |= {
    "hub_unavailable": (
        "Hub tidak dapat dihubungi ({reason}). Perubahan tetap tersimpan dan akan dikirim "
        "saat hub tersedia.",
        "The hub cannot be reached ({reason}). Changes are kept and will be sent when the "
        "hub is back.",
    ),
    "hub_not_initialised": (
        "{url} belum menjadi hub Desk Pilkada: jalankan 'desk-app hub init URL'.",
        "{url} is not a Desk Pilkada hub yet: run 'desk-app hub init URL'.",
    ),
    "hub_schema_newer": (
        "Hub memakai skema {hub}, aplikasi ini skema {mine}. Perbarui Desk Pilkada di "
        "workstation ini ke versi {version} lalu sinkronkan lagi; perubahan yang belum "
        "terkirim tetap tersimpan.",
        "The hub uses schema {hub}, this app schema {mine}. Upgrade Desk Pilkada on this "
        "workstation to version {version}, then sync again; unsent changes are kept.",
    ),
    "hub_schema_older": (
        "Hub masih memakai skema {hub}, aplikasi ini skema {mine}. Administrator perlu "
        "menjalankan 'desk-app hub init URL'; perubahan yang belum terkirim tetap tersimpan.",
        "The hub still uses schema {hub}, this app schema {mine}. An administrator must run "
        "'desk-app hub init URL'; unsent changes are kept.",
    ),
    "hub_protocol": (
        "Hub memakai protokol sinkron {hub}, aplikasi ini {mine}. Perbarui Desk Pilkada.",
        "The hub speaks sync protocol {hub}, this app {mine}. Upgrade Desk Pilkada.",
    ),
    "hub_url": (
        "Alamat layanan sinkronisasi tidak sah: {url} (contoh: https://server:8765)",
        "Not a valid sync service address: {url} (for example https://server:8765)",
    ),
    "hub_direct_url": (
        "Workstation tidak lagi terhubung langsung ke basis data hub. Masukkan alamat "
        "layanan sinkronisasi (misalnya https://server:8765) dari administrator; di server, "
        "administrator menjalankan 'desk-app hub serve --db URL'.",
        "Workstations no longer connect to the hub's database directly. Enter the sync "
        "service's address (e.g. https://server:8765) from your administrator; on the "
        "server, the administrator runs 'desk-app hub serve --db URL'.",
    ),
    "hub_not_connected": (
        "Workstation ini belum terhubung ke hub: administrator menjalankan "
        "'desk-app hub connect https://…'.",
        "This workstation is not connected to a hub: an administrator runs "
        "'desk-app hub connect https://…'.",
    ),
    "hub_refused": ("Hub menolak: {rule}", "The hub refused: {rule}"),
    "blob_hash": (
        "Isi berkas lampiran tidak cocok dengan sidiknya; berkas ditolak.",
        "An attachment file does not match its hash; it was refused.",
    ),
    "sync_failed": ("Sinkronisasi gagal: {reason}", "Sync failed: {reason}"),
    "pull_interrupted": (
        "Penerimaan data terhenti: {why}. {kept} baris yang sudah diterima tetap tersimpan; "
        "{todo}sinkron berikutnya melanjutkan dari situ.",
        "Receiving stopped: {why}. The {kept} rows already received are kept; {todo}the "
        "next sync continues from there.",
    ),
}

#: Why the sync service refused a request or a change, by the rule it named.
HUB_RULES: dict[str, tuple[str, str]] = {
    "bad_credentials": ("nama pengguna atau kata sandi salah", "wrong user name or password"),
    "user_disabled": ("akun {username} dinonaktifkan", "the account {username} is disabled"),
    "admin_required": (
        "hanya administrator yang boleh melakukannya ({username} bukan administrator)",
        "only an administrator may do this ({username} is not an administrator)",
    ),
    "code_in_use": (
        "kode workstation {workstation} sudah dipakai workstation lain: pilih kode lain",
        "workstation code {workstation} is used by another workstation: choose another code",
    ),
    "not_enrolled": (
        "workstation ini belum didaftarkan di hub: administrator menjalankan 'desk-app hub enroll'",
        "this workstation is not enrolled: an administrator runs 'desk-app hub enroll'",
    ),
    "workstation_revoked": (
        "pendaftaran workstation {workstation} telah dicabut oleh administrator",
        "workstation {workstation} was revoked by an administrator",
    ),
    "session_expired": (
        "sesi di hub berakhir: masuk kembali dengan kata sandi",
        "the session on the hub ended: sign in again with your password",
    ),
    "demo_database": (
        "basis data demo tidak pernah dikirim ke hub",
        "a demo database is never sent to a hub",
    ),
    "unknown_workstation": ("tidak ada workstation {workstation}", "no workstation {workstation}"),
    "unknown_user": ("tidak ada pengguna {username}", "no user {username}"),
    "file_too_large": ("berkas terlalu besar", "the file is too large"),
    "file_type": (
        "jenis berkas tidak diizinkan (hanya PNG, JPEG, GIF, WEBP, PDF)",
        "file type not allowed (PNG, JPEG, GIF, WEBP and PDF only)",
    ),
    "wrong_site": ("identitas workstation tidak cocok", "the workstation's identity differs"),
    "bad_request": ("permintaan tidak sah", "an invalid request"),
    "too_large": ("kiriman terlalu besar", "the request is too large"),
    # Rules of single changes (refused per change; the record is put back).
    "permission": (
        "peran penulis tidak mengizinkan perubahan ini",
        "the author's role does not allow this change",
    ),
    "no_session": (
        "penulisnya belum masuk ke hub di workstation ini",
        "its author has not signed in to the hub on this workstation",
    ),
    "bad_version": (
        "versi perubahan tidak sah (basis data lokal diubah di luar aplikasi?)",
        "the change's version is not valid (was the local database edited outside the app?)",
    ),
    "clock_ahead": (
        "jam komputer ini lebih cepat dari jam hub",
        "this computer's clock is ahead of the hub's",
    ),
    "future_time": ("waktu kejadian di masa depan", "a time in the future"),
    "last_admin": (
        "harus tetap ada minimal satu administrator aktif",
        "at least one active administrator must remain",
    ),
    "append_only": (
        "riwayat tidak dapat diubah setelah dicatat",
        "history cannot be changed once recorded",
    ),
    "hub_made": ("hanya hub yang membuat catatan ini", "only the hub makes these records"),
}


def hub_rule(rule: str, values: dict[str, Any], lang: str = "id") -> str:
    """The reason the sync service gave, in the user's language (its code when unknown)."""
    pair = HUB_RULES.get(rule)
    if pair is None:
        return rule
    try:
        return _pick(pair, lang).format(**values)
    except (KeyError, IndexError):
        return _pick(pair, lang).split("{")[0].strip()


WHAT |= {"conflict": ("Konflik", "Conflict")}

# --- the situation report, second edition (issue 13) ----------------------------------
ERRORS |= {
    "sitrep_already_void": (
        "Laporan Situasi {number} sudah dibatalkan sebelumnya.",
        "Situation report {number} is already void.",
    ),
}

# --- importing files (issue 12) ----------------------------------------------------------
ERRORS |= {
    "unsupported_format": (
        "Jenis berkas tidak didukung. Gunakan CSV, XLSX atau vCard.",
        "File type not supported. Use CSV, XLSX or vCard.",
    ),
    "unreadable_file": ("Berkas tidak dapat dibaca.", "The file cannot be read."),
    "truncated_file": (
        "Berkas terpotong atau rusak. Simpan ulang lalu coba lagi.",
        "The file is truncated or damaged. Save it again and retry.",
    ),
    "empty_file": (
        "Berkas kosong: tidak ada baris judul kolom.",
        "The file is empty: there is no header row.",
    ),
    "too_many_rows": (
        "Berkas berisi lebih dari {limit} baris data, batas satu kali impor. Bagi berkas "
        "menjadi beberapa bagian lalu impor satu per satu. Tidak ada yang disimpan.",
        "The file holds more than {limit} data rows, the limit of one import. Split it into "
        "several files and import them one by one. Nothing was saved.",
    ),
    "cell_too_large": (
        "Baris {line} memuat sel yang lebih panjang dari {limit} karakter. Periksa berkas "
        "(mungkin rusak atau bukan tabel). Tidak ada yang disimpan.",
        "Line {line} holds a cell longer than {limit} characters. Check the file (it may "
        "be damaged or not a table). Nothing was saved.",
    ),
    "file_too_large": (
        "Isi buku kerja terlalu besar untuk dibaca (lebih dari {limit_mb} MB setelah "
        "dibuka). Simpan sebagai CSV atau bagi menjadi beberapa berkas.",
        "The workbook's contents are too large to read (over {limit_mb} MB unpacked). Save "
        "it as CSV or split it into several files.",
    ),
    "unsafe_xml": (
        "Berkas XLSX ini memuat XML yang tidak aman (entitas yang berlipat ganda) dan "
        "ditolak. Buka di Excel, simpan ulang, lalu coba lagi.",
        "This XLSX file holds unsafe XML (self-multiplying entities) and is refused. Open it "
        "in Excel, save it again and retry.",
    ),
    "import_cancelled": (
        "Impor dibatalkan. Tidak ada yang disimpan.",
        "Import cancelled. Nothing was saved.",
    ),
}
