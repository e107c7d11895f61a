<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SitrepDialog</name>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="95"/>
        <source>Laporan Situasi</source>
        <translation>Situation Report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="119"/>
        <source>Periode (WIB)</source>
        <translation>Period (WIB)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="128"/>
        <source>&amp;Dari</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="129"/>
        <source>&amp;Sampai</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="132"/>
        <source>Bahasa Indonesia</source>
        <translation>Indonesian</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="133"/>
        <source>Inggris (English)</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="134"/>
        <source>&amp;Bahasa laporan</source>
        <translation>Report &amp;language</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="137"/>
        <source>Bagian laporan</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="140"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="141"/>
        <source>Peta status</source>
        <translation>Status map</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="142"/>
        <source>Status per kabupaten/kota</source>
        <translation>Status by regency/city</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="143"/>
        <source>Perkembangan menonjol</source>
        <translation>Notable developments</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="144"/>
        <source>Pemantauan media sosial</source>
        <translation>Social media monitoring</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="145"/>
        <source>Netralitas</source>
        <translation>Neutrality</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="146"/>
        <source>Tren 14 hari</source>
        <translation>14-day trend</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="147"/>
        <source>Kegiatan forum kemitraan</source>
        <translation>Partner forum activity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="148"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="159"/>
        <source>Isi dari koordinator</source>
        <translation>From the coordinator</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="161"/>
        <source>Baris yang diawali &quot;- &quot; menjadi butir.</source>
        <translation>Lines starting with &quot;- &quot; become bullet points.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="164"/>
        <source>Catatan penting periode ini. </source>
        <translation>Highlights of the period. </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="169"/>
        <source>Rekomendasi / tindak lanjut. </source>
        <translation>Recommendations / follow-up. </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="174"/>
        <source>&amp;Catatan</source>
        <translation>&amp;Highlights</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="175"/>
        <source>&amp;Rekomendasi</source>
        <translation>&amp;Recommendations</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="180"/>
        <source>&amp;Penandatangan</source>
        <translation>&amp;Signatory</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="181"/>
        <source>&amp;Jabatan</source>
        <translation>Signatory&apos;s &amp;title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="186"/>
        <source>&amp;Klasifikasi</source>
        <translation>&amp;Classification</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="190"/>
        <source>Cetak data pribadi: nama dan kontak pelapor, nomor telepon dan alamat mitra</source>
        <translation>Print personal data: reporters&apos; names and contacts, partners&apos; phone numbers and addresses</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="196"/>
        <source>Tanpa centang, laporan tidak memuat nomor telepon, alamat atau identitas pelapor (UU PDP).</source>
        <translation>Unticked, the report prints no phone numbers, addresses or reporter details (Personal Data Protection Law).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="203"/>
        <source>Peran Anda tidak berwenang mencetak data pribadi.</source>
        <translation>Your role may not print personal data.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="208"/>
        <source>&amp;Terbitkan laporan</source>
        <translation>&amp;Issue report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="216"/>
        <source>Hanya koordinator dan administrator yang dapat menerbitkan laporan situasi.</source>
        <translation>Only coordinators and administrators may issue situation reports.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="220"/>
        <source>T&amp;utup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="240"/>
        <source>Belum ada laporan yang dibuat.</source>
        <translation>No report made yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="243"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="246"/>
        <source>Sim&amp;pan sebagai…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="255"/>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="263"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="264"/>
        <source>Diterbitkan</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="265"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="266"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="267"/>
        <source>Halaman</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="268"/>
        <source>Data pribadi</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="278"/>
        <source>&amp;Buka laporan terpilih</source>
        <translation>&amp;Open selected report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="282"/>
        <source>Laporan terbit</source>
        <translation>Issued reports</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="334"/>
        <source>Menyusun laporan…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="345"/>
        <source>Laporan nomor %1 diterbitkan (%2 halaman).</source>
        <translation>Report number %1 issued (%2 pages).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="363"/>
        <source>Akhir periode harus setelah awalnya.</source>
        <translation>The end of the period must be after its start.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="365"/>
        <source>Klasifikasi wajib diisi.</source>
        <translation>The classification is required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="366"/>
        <source>Isian tidak sah: %1</source>
        <translation>Invalid input: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="368"/>
        <source>Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah.</source>
        <translation>Your role may not do this. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="370"/>
        <source>Berkas laporan ini tidak ada di komputer ini.</source>
        <translation>This report&apos;s file is not on this computer.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="372"/>
        <source>Berkas laporan ini telah berubah sejak diterbitkan; tidak dibuka.</source>
        <translation>This report&apos;s file was changed after it was issued; it was not opened.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="374"/>
        <source>Berkas tidak dapat ditulis: %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="375"/>
        <source>Laporan gagal dibuat: %1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="382"/>
        <source>Pratinjau menampilkan %1 dari %2 halaman; cetak atau simpan untuk semua.</source>
        <translation>The preview shows %1 of %2 pages; print or save for all of them.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="388"/>
        <source>Laporan Situasi nomor %1 · %2 halaman</source>
        <translation>Situation Report number %1 · %2 pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="410"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="410"/>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="456"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="464"/>
        <source>Simpan laporan situasi</source>
        <translation>Save situation report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="464"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="474"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="476"/>
        <source>Disimpan ke %1</source>
        <translation>Saved to %1</translation>
    </message>
</context>
<context>
    <name>SitrepFeature</name>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="23"/>
        <source>Laporan &amp;Situasi…</source>
        <translation>&amp;Situation Report…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="26"/>
        <source>Susun, pratinjau dan cetak laporan situasi</source>
        <translation>Make, preview and print a situation report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="29"/>
        <source>Laporan Situasi</source>
        <translation>Situation Report</translation>
    </message>
</context>
</TS>
