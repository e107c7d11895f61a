"""The sitrep's own words, in Indonesian and English.

The PDF is not Qt, so its texts live here, keyed by language, rather than in a Qt
Linguist catalogue. Every language has the same keys (a test checks it).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "government": "PEMERINTAH PROVINSI JAWA TENGAH",
        "desk": "DESK PILKADA",
        "title": "LAPORAN SITUASI",
        "number": "Nomor",
        "as_of": "Per",
        "period": "Periode",
        "period_to": "s.d.",
        "period_until_before": "sampai sebelum",
        "classification": "Klasifikasi",
        "countdown": "Hitung mundur",
        "countdown_before": "{h} menuju hari pemungutan suara ({day})",
        "countdown_on": "Hari pemungutan suara ({day})",
        "countdown_after": "{h} setelah hari pemungutan suara ({day})",
        "page_of": "Halaman {page} dari {pages}",
        "running_title": "Laporan Situasi Desk Pilkada",
        # sections
        "summary": "Ringkasan",
        "map": "Peta status kabupaten/kota",
        "regions": "Status per kabupaten/kota",
        "developments": "Perkembangan menonjol",
        "social": "Pemantauan media sosial",
        "neutrality": "Netralitas",
        "trend": "Tren insiden 14 hari",
        "forum": "Kegiatan forum kemitraan",
        "recommendations": "Rekomendasi / tindak lanjut",
        # summary
        "key_figures": "Angka kunci",
        "incidents_in_period": "Insiden dalam periode",
        "by_severity": "Menurut tingkat keparahan",
        "by_status": "Menurut status (pada akhir periode)",
        "open_all": "Terbuka pada akhir periode",
        "closed_in_period": "Diselesaikan dalam periode",
        "regions_siaga": "Wilayah berstatus Siaga",
        "regions_awas": "Wilayah berstatus Awas",
        "highlights": "Catatan koordinator",
        "no_highlights": "Koordinator tidak menambahkan catatan.",
        "none": "tidak ada",
        "empty_period": "Tidak ada insiden yang tercatat dalam periode ini.",
        # map
        "map_caption": (
            "Tingkat siaga pada akhir periode ({at}). Warna makin gelap seiring tingkat, "
            "dengan pola arsiran dan nama tingkat, sehingga tetap terbaca pada fotokopi "
            "hitam-putih."
        ),
        "legend_count": "{level} ({n})",
        # region table
        "col_code": "Kode",
        "col_region": "Kabupaten/kota",
        "col_level": "Tingkat",
        "col_new": "Baru",
        "col_open": "Terbuka",
        "col_closed": "Selesai",
        "col_top_category": "Kategori terbanyak",
        "col_note": "Catatan",
        "col_total": "Jumlah",
        "regions_footnote": (
            "Baru: insiden yang terjadi dalam periode. Terbuka: insiden (kapan pun terjadinya) "
            "yang belum selesai pada akhir periode. Selesai: insiden yang diselesaikan atau "
            "dinyatakan tidak valid dalam periode, walaupun kemudian dibuka kembali."
        ),
        # developments
        "developments_intro": (
            "Insiden tingkat Tinggi dan Kritis yang terjadi atau berubah status dalam "
            "periode, dengan tindak lanjutnya, dan perubahan tingkat siaga, menurut wilayah."
        ),
        "no_developments": "Tidak ada perkembangan menonjol dalam periode ini.",
        "col_time": "Waktu",
        "col_incident": "Kejadian",
        "col_follow_ups": "Tindak lanjut",
        "level_change": "Tingkat siaga: {old} → {new}",
        "status_change": "Status: {old} → {new}",
        "no_follow_up": "Belum ada tindak lanjut.",
        "more_follow_ups": "(+{n} tindak lanjut sebelumnya)",
        "reporter": "Pelapor",
        "by": "oleh",
        "continued": "(lanjutan)",
        # social media
        "social_intro": (
            "Hoaks, ujaran kebencian dan provokasi yang tercatat dalam periode, menurut "
            "platform, dan penanganannya."
        ),
        "no_social": "Tidak ada hoaks, ujaran kebencian atau provokasi dalam periode ini.",
        "col_platform": "Platform",
        "unknown_platform": "Tidak diketahui",
        "actions": "Penanganan",
        "action_takedown": "Diajukan take-down ke Kominfo/Komdigi",
        "action_counter": "Diklarifikasi / kontra-narasi",
        "action_other": "Tindak lanjut lain",
        "action_none": "Belum ditindaklanjuti",
        "actions_note": (
            "Penanganan: jumlah tindakan yang dilakukan dalam periode, termasuk atas insiden "
            "yang tercatat sebelumnya. Belum ditindaklanjuti: insiden periode ini yang hingga "
            "akhir periode belum memiliki tindak lanjut."
        ),
        # neutrality
        "no_neutrality": "Tidak ada kasus netralitas dalam periode ini.",
        "col_subject": "Subjek",
        "unknown_subject": "Tidak disebut",
        # trend
        "trend_intro": "Insiden per hari menurut kategori, {first} s.d. {last}.",
        "no_trend": "Tidak ada insiden dalam 14 hari terakhir.",
        "other_categories": "Kategori lain (gabungan)",
        "col_category": "Kategori",
        # forum
        "forum_intro": (
            "Pertemuan, panggilan dan pesan dengan mitra forum yang dicatat dalam periode."
        ),
        "no_forum": "Tidak ada kegiatan dengan mitra forum dalam periode ini.",
        "col_date": "Tanggal",
        "col_contact": "Mitra",
        "col_type": "Jenis",
        "col_summary": "Ringkasan",
        "col_desk": "Petugas",
        "phones": "Telp.",
        "address": "Alamat",
        # recommendations and sign-off
        "no_recommendations": "Koordinator tidak menambahkan rekomendasi.",
        "place": "Semarang",
        "prepared_by": "Dibuat oleh,",
        "acknowledged_by": "Mengetahui,",
        "personal_data_notice": (
            "Laporan ini memuat data pribadi (UU No. 27/2022 tentang Pelindungan Data "
            "Pribadi). Jangan digandakan atau diedarkan di luar peserta rapat."
        ),
        # second edition: the briefing, the annex, the official furniture
        "next_report": "Laporan berikutnya",
        "draft_number": "DRAF (belum bernomor)",
        "draft_mark": "DRAF",
        "kf_total": "Insiden dalam periode",
        "kf_high": "Kritis dan Tinggi",
        "kf_open": "Terbuka pada akhir periode",
        "kf_closed": "Diselesaikan dalam periode",
        "kf_siaga": "Wilayah Siaga",
        "kf_awas": "Wilayah Awas",
        "kf_no_previous": "—",
        "kf_same": "= tetap",
        "kf_since": "▲/▼: perubahan dibanding laporan sebelumnya (Nomor {number}).",
        "kf_first": "Belum ada laporan sebelumnya untuk pembanding.",
        "regions_at": "Wilayah {level} ({n}):",
        "top_incidents": "Insiden yang perlu perhatian",
        "top_incidents_more": "{n} insiden Kritis/Tinggi lainnya: lihat Perkembangan menonjol.",
        "recommendations_see_page": "Rekomendasi lengkap: lihat halaman {page}.",
        "developments_intro_capped": (
            "Insiden Kritis dan Tinggi yang masih terbuka pada akhir periode atau ditangani "
            "dalam periode (Tidak valid tidak dimuat), paling parah dan terbaru lebih dulu, "
            "paling banyak {n} per wilayah dan {total} seluruhnya, beserta perubahan tingkat "
            "siaga."
        ),
        "annex_attached": "{n} kejadian lainnya tercantum dalam Lampiran.",
        "annex_left_out": "{n} kejadian lainnya tidak dimuat (Lampiran tidak disertakan).",
        "annex_title": "LAMPIRAN",
        "annex_developments": "A. Daftar lengkap perkembangan menonjol",
        "annex_trend": "B. Insiden per hari menurut kategori (angka grafik tren)",
        "annex_intro": (
            "Semua insiden Tinggi dan Kritis yang terjadi, berubah status atau ditindaklanjuti "
            "dalam periode, dengan status pada akhir periode, menurut wilayah."
        ),
        "distribution": "Tembusan",
        "personal_data_footer": (
            "Halaman ini memuat data pribadi (UU No. 27/2022). Jangan digandakan atau diedarkan."
        ),
        "redacted": "[nomor disamarkan]",
    },
    "en": {
        "government": "PROVINCIAL GOVERNMENT OF CENTRAL JAVA",
        "desk": "ELECTION MONITORING DESK",
        "title": "SITUATION REPORT",
        "number": "Number",
        "as_of": "As of",
        "period": "Period",
        "period_to": "to",
        "period_until_before": "until before",
        "classification": "Classification",
        "countdown": "Countdown",
        "countdown_before": "{h}: voting day is {day}",
        "countdown_on": "Voting day ({day})",
        "countdown_after": "{h}: voting day was {day}",
        "page_of": "Page {page} of {pages}",
        "running_title": "Election Desk Situation Report",
        "summary": "Summary",
        "map": "Status map of the regencies and cities",
        "regions": "Status by regency/city",
        "developments": "Notable developments",
        "social": "Social media monitoring",
        "neutrality": "Neutrality",
        "trend": "14-day incident trend",
        "forum": "Partner forum activity",
        "recommendations": "Recommendations / follow-up",
        "key_figures": "Key figures",
        "incidents_in_period": "Incidents in the period",
        "by_severity": "By severity",
        "by_status": "By status (at the end of the period)",
        "open_all": "Open at the end of the period",
        "closed_in_period": "Closed in the period",
        "regions_siaga": "Regions on Alert",
        "regions_awas": "Regions at Emergency",
        "highlights": "Coordinator's highlights",
        "no_highlights": "The coordinator added no highlights.",
        "none": "none",
        "empty_period": "No incidents were recorded in this period.",
        "map_caption": (
            "Alert levels at the end of the period ({at}). Colours darken as the level rises, "
            "with a hatching pattern and the level's name, so the map reads on black-and-white "
            "copies too."
        ),
        "legend_count": "{level} ({n})",
        "col_code": "Code",
        "col_region": "Regency/city",
        "col_level": "Level",
        "col_new": "New",
        "col_open": "Open",
        "col_closed": "Closed",
        "col_top_category": "Most frequent category",
        "col_note": "Note",
        "col_total": "Total",
        "regions_footnote": (
            "New: incidents that occurred in the period. Open: incidents (whenever they "
            "occurred) not closed at the end of the period. Closed: incidents closed or found "
            "invalid in the period, even if reopened later."
        ),
        "developments_intro": (
            "High and critical incidents that occurred or changed status in the period, with "
            "their follow-ups, and alert level changes, by region."
        ),
        "no_developments": "There were no notable developments in this period.",
        "col_time": "Time",
        "col_incident": "Incident",
        "col_follow_ups": "Follow-up",
        "level_change": "Alert level: {old} → {new}",
        "status_change": "Status: {old} → {new}",
        "no_follow_up": "No follow-up yet.",
        "more_follow_ups": "(+{n} earlier follow-ups)",
        "reporter": "Reporter",
        "by": "by",
        "continued": "(continued)",
        "social_intro": (
            "Hoaxes, hate speech and provocation recorded in the period, by platform, and "
            "what was done."
        ),
        "no_social": "No hoaxes, hate speech or provocation were recorded in this period.",
        "col_platform": "Platform",
        "unknown_platform": "Unknown",
        "actions": "Action taken",
        "action_takedown": "Take-down requested from Kominfo/Komdigi",
        "action_counter": "Clarified / counter-narrative",
        "action_other": "Other follow-up",
        "action_none": "No follow-up yet",
        "actions_note": (
            "Action taken: the number of actions taken in the period, including on incidents "
            "logged earlier. No follow-up yet: incidents of the period with no follow-up by "
            "its end."
        ),
        "no_neutrality": "There were no neutrality cases in this period.",
        "col_subject": "Subject",
        "unknown_subject": "Not stated",
        "trend_intro": "Incidents per day by category, {first} to {last}.",
        "no_trend": "No incidents in the last 14 days.",
        "other_categories": "Other categories (combined)",
        "col_category": "Category",
        "forum_intro": "Meetings, calls and messages with partner contacts logged in the period.",
        "no_forum": "There was no partner forum activity in this period.",
        "col_date": "Date",
        "col_contact": "Contact",
        "col_type": "Type",
        "col_summary": "Summary",
        "col_desk": "Desk staff",
        "phones": "Phone",
        "address": "Address",
        "no_recommendations": "The coordinator added no recommendations.",
        "place": "Semarang",
        "prepared_by": "Prepared by,",
        "acknowledged_by": "Acknowledged by,",
        "personal_data_notice": (
            "This report contains personal data (Law No. 27/2022 on Personal Data "
            "Protection). Do not copy or circulate it beyond the meeting's participants."
        ),
        "next_report": "Next report",
        "draft_number": "DRAFT (not numbered)",
        "draft_mark": "DRAFT",
        "kf_total": "Incidents in the period",
        "kf_high": "Critical and high",
        "kf_open": "Open at the end of the period",
        "kf_closed": "Closed in the period",
        "kf_siaga": "Regions on Alert",
        "kf_awas": "Regions at Emergency",
        "kf_no_previous": "—",
        "kf_same": "= unchanged",
        "kf_since": "▲/▼: change since the previous report (Number {number}).",
        "kf_first": "No previous report to compare with.",
        "regions_at": "Regions on {level} ({n}):",
        "top_incidents": "Incidents that need attention",
        "top_incidents_more": "{n} more critical/high incidents: see Notable developments.",
        "recommendations_see_page": "Full recommendations: see page {page}.",
        "developments_intro_capped": (
            "Critical and high incidents still open at the end of the period or acted on in "
            "it (invalid ones left out), most severe and newest first, at most {n} per region "
            "and {total} in all, with alert level changes."
        ),
        "annex_attached": "{n} more are listed in the Annex.",
        "annex_left_out": "{n} more are not listed (the Annex was left out).",
        "annex_title": "ANNEX",
        "annex_developments": "A. Full list of notable developments",
        "annex_trend": "B. Incidents per day by category (the trend chart's figures)",
        "annex_intro": (
            "Every high and critical incident that occurred, changed status or was followed "
            "up in the period, with its status at the end of the period, by region."
        ),
        "distribution": "Copies to",
        "personal_data_footer": (
            "This page contains personal data (Law No. 27/2022). Do not copy or circulate it."
        ),
        "redacted": "[number withheld]",
    },
}

#: Names of the alert levels, incident statuses and severities as printed.
LEVELS: dict[str, dict[str, str]] = {
    "id": {"kondusif": "Kondusif", "waspada": "Waspada", "siaga": "Siaga", "awas": "Awas"},
    "en": {"kondusif": "Normal", "waspada": "Watch", "siaga": "Alert", "awas": "Emergency"},
}
STATUSES: dict[str, dict[str, str]] = {
    "id": {
        "baru": "Baru",
        "terverifikasi": "Terverifikasi",
        "tidak_valid": "Tidak valid",
        "ditindaklanjuti": "Ditindaklanjuti",
        "selesai": "Selesai",
        "dibuka_kembali": "Dibuka kembali",
    },
    "en": {
        "baru": "New",
        "terverifikasi": "Verified",
        "tidak_valid": "Invalid",
        "ditindaklanjuti": "In follow-up",
        "selesai": "Closed",
        "dibuka_kembali": "Reopened",
    },
}
SEVERITY_NAMES: dict[str, tuple[str, str, str, str]] = {
    "id": ("Rendah", "Sedang", "Tinggi", "Kritis"),
    "en": ("Low", "Medium", "High", "Critical"),
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["id"])
