<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SitrepDialog</name>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Logo kop</source>
        <translation>Letterhead logo</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Pilih lo&amp;go…</source>
        <translation>Choose lo&amp;go…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Lambang provinsi (PNG atau JPEG) di kop setiap laporan dari komputer ini</source>
        <translation>The province&apos;s emblem (PNG or JPEG) in the letterhead of every report from this computer</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Hapus logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Hanya administrator yang dapat mengganti logo kop.</source>
        <translation>Only administrators can change the letterhead logo.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Tanpa logo (belum diatur administrator)</source>
        <translation>No logo (not set by an administrator)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Logo dicetak di kop setiap laporan.</source>
        <translation>The logo is printed in every report&apos;s letterhead.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Pilih logo kop</source>
        <translation>Choose the letterhead logo</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Gambar PNG atau JPEG (*.png *.jpg *.jpeg)</source>
        <translation>PNG or JPEG images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Logo kop disimpan; dicetak mulai laporan berikutnya.</source>
        <translation>Letterhead logo kept; printed from the next report on.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Logo tidak dapat dipakai</source>
        <translation>The logo cannot be used</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Berkas itu bukan gambar PNG atau JPEG. Pilih lambang dalam format PNG atau JPEG.</source>
        <translation>That file is not a PNG or JPEG image. Choose the emblem as a PNG or JPEG file.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Gambar itu tidak dapat dibaca: berkasnya rusak atau terpotong.</source>
        <translation>That image cannot be read: the file is damaged or cut short.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Gambar itu terlalu besar: paling besar 5 MB dan 5000 piksel per sisi.</source>
        <translation>That image is too large: at most 5 MB and 5000 pixels a side.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Gambar itu terlalu kecil: paling kecil 16 piksel per sisi.</source>
        <translation>That image is too small: at least 16 pixels a side.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Logo kop dihapus.</source>
        <translation>Letterhead logo removed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="1"/>
        <source>Tanggal/waktu "{0}" tidak terbaca. Tulis mis. 05/12/2026 13:30.</source>
        <translation>Date/time "{0}" not understood. Write e.g. 05/12/2026 13:30.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="106"/>
        <source>Laporan Situasi</source>
        <translation>Situation Report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="130"/>
        <source>Periode (WIB)</source>
        <translation>Period (WIB)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="139"/>
        <source>&amp;Dari</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="140"/>
        <source>&amp;Sampai</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="143"/>
        <source>Bahasa Indonesia</source>
        <translation>Indonesian</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="144"/>
        <source>Inggris (English)</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="145"/>
        <source>&amp;Bahasa laporan</source>
        <translation>Report &amp;language</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="148"/>
        <source>Bagian laporan</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="151"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="152"/>
        <source>Peta status</source>
        <translation>Status map</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="153"/>
        <source>Status per kabupaten/kota</source>
        <translation>Status by regency/city</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="154"/>
        <source>Perkembangan menonjol</source>
        <translation>Notable developments</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="155"/>
        <source>Pemantauan media sosial</source>
        <translation>Social media monitoring</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="156"/>
        <source>Netralitas</source>
        <translation>Neutrality</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="157"/>
        <source>Tren 14 hari</source>
        <translation>14-day trend</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="158"/>
        <source>Kegiatan forum kemitraan</source>
        <translation>Partner forum activity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="159"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="170"/>
        <source>Isi dari koordinator</source>
        <translation>From the coordinator</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="172"/>
        <source>Baris yang diawali &quot;- &quot; menjadi butir.</source>
        <translation>Lines starting with &quot;- &quot; become bullet points.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="175"/>
        <source>Catatan penting periode ini. </source>
        <translation>Highlights of the period. </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="180"/>
        <source>Rekomendasi / tindak lanjut. </source>
        <translation>Recommendations / follow-up. </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="185"/>
        <source>&amp;Catatan</source>
        <translation>&amp;Highlights</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="186"/>
        <source>&amp;Rekomendasi</source>
        <translation>&amp;Recommendations</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="192"/>
        <source>mis. Kepala Badan Kesbangpol Provinsi Jawa Tengah</source>
        <translation>e.g. Head of the Kesbangpol Agency of Central Java</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="198"/>
        <source>Mengetahui: &amp;jabatan</source>
        <translation>Acknowledged by: &amp;position</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="199"/>
        <source>Mengetahui: &amp;nama</source>
        <translation>Acknowledged by: &amp;name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="200"/>
        <source>Mengetahui: NI&amp;P</source>
        <translation>Acknowledged by: NI&amp;P</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="203"/>
        <source>Satu penerima per baris</source>
        <translation>One recipient a line</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="206"/>
        <source>&amp;Tembusan</source>
        <translation>Copies &amp;to</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="208"/>
        <source>Laporan &amp;berikutnya</source>
        <translation>&amp;Next report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="223"/>
        <source>&amp;Klasifikasi</source>
        <translation>&amp;Classification</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="227"/>
        <source>Cetak data pribadi: nama dan kontak pelapor, nomor telepon dan alamat mitra</source>
        <translation>Print personal data: reporters&apos; names and contacts, partners&apos; phone numbers and addresses</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="233"/>
        <source>Tanpa centang, laporan tidak memuat nomor telepon, alamat atau identitas pelapor (UU PDP).</source>
        <translation>Unticked, the report prints no phone numbers, addresses or reporter details (Personal Data Protection Law).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="240"/>
        <source>Peran Anda tidak berwenang mencetak data pribadi.</source>
        <translation>Your role may not print personal data.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="244"/>
        <source>Sertakan &amp;lampiran: daftar lengkap perkembangan menonjol dan angka tren</source>
        <translation>Include the &amp;annex: the full list of notable developments and the trend figures</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="251"/>
        <source>Pratinjau &amp;draf</source>
        <translation>Preview &amp;draft</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="253"/>
        <source>Tampilkan halaman laporan tanpa mengambil nomor</source>
        <translation>Show the report&apos;s pages without taking a number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="257"/>
        <source>&amp;Terbitkan laporan</source>
        <translation>&amp;Issue report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="265"/>
        <source>Hanya koordinator dan administrator yang dapat menerbitkan laporan situasi.</source>
        <translation>Only coordinators and administrators may issue situation reports.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="269"/>
        <source>T&amp;utup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="289"/>
        <source>Belum ada laporan yang dibuat.</source>
        <translation>No report made yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="292"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="295"/>
        <source>Sim&amp;pan sebagai…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="304"/>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="312"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="313"/>
        <source>Diterbitkan</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="314"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="315"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="316"/>
        <source>Halaman</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="317"/>
        <source>Data pribadi</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="318"/>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="328"/>
        <source>&amp;Buka laporan terpilih</source>
        <translation>&amp;Open selected report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="333"/>
        <source>Batal&amp;kan nomor…</source>
        <translation>&amp;Void number…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="336"/>
        <source>Nyatakan nomor terpilih batal, dengan alasannya (tercatat di register)</source>
        <translation>Declare the selected number void, with the reason (kept in the register)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="343"/>
        <source>Laporan terbit</source>
        <translation>Issued reports</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="389"/>
        <source>Rekomendasi sudah ditulis, tetapi bagian Rekomendasi tidak dipilih. Pilih bagian itu atau kosongkan rekomendasinya.</source>
        <translation>Recommendations are written but the Recommendations section is not chosen. Choose the section or clear the recommendations.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="410"/>
        <source>Menyusun draf…</source>
        <translation>Preparing the draft…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="428"/>
        <source>Draf siap (%1 halaman). Belum ada nomor yang diambil.</source>
        <translation>Draft ready (%1 pages). No number was taken.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="458"/>
        <source>Menyusun laporan…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="469"/>
        <source>Laporan nomor %1 diterbitkan (%2 halaman).</source>
        <translation>Report number %1 issued (%2 pages).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="487"/>
        <source>Akhir periode tidak boleh di masa depan: angka periode yang belum selesai masih akan berubah.</source>
        <translation>The period cannot end in the future: the figures of a period not over yet would still change.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="491"/>
        <source>Alasan pembatalan wajib diisi.</source>
        <translation>A reason for voiding is required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="493"/>
        <source>Akhir periode harus setelah awalnya.</source>
        <translation>The end of the period must be after its start.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="495"/>
        <source>Klasifikasi wajib diisi.</source>
        <translation>The classification is required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="496"/>
        <source>Isian tidak sah: %1</source>
        <translation>Invalid input: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="498"/>
        <source>Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah.</source>
        <translation>Your role may not do this. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="500"/>
        <source>Nomor ini sudah dibatalkan sebelumnya.</source>
        <translation>This number is already void.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="502"/>
        <source>Berkas laporan ini tidak ada di komputer ini.</source>
        <translation>This report&apos;s file is not on this computer.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="504"/>
        <source>Berkas laporan ini telah berubah sejak diterbitkan; tidak dibuka.</source>
        <translation>This report&apos;s file was changed after it was issued; it was not opened.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="506"/>
        <source>Berkas tidak dapat ditulis: %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="507"/>
        <source>Laporan gagal dibuat: %1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="514"/>
        <source>Pratinjau menampilkan %1 dari %2 halaman; cetak atau simpan untuk semua.</source>
        <translation>The preview shows %1 of %2 pages; print or save for all of them.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="521"/>
        <source>DRAF · belum bernomor · %1 halaman</source>
        <translation>DRAFT · not numbered · %1 pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="525"/>
        <source>Laporan Situasi nomor %1 · %2 halaman</source>
        <translation>Situation Report number %1 · %2 pages</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="548"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="548"/>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="578"/>
        <source>Batalkan nomor</source>
        <translation>Void number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="579"/>
        <source>Alasan pembatalan nomor %1 (tercatat di register):</source>
        <translation>Why number %1 is void (kept in the register):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="594"/>
        <source>Nomor %1 dibatalkan.</source>
        <translation>Number %1 voided.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="629"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="637"/>
        <source>Simpan laporan situasi</source>
        <translation>Save situation report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="637"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="647"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_dialog.py" line="649"/>
        <source>Disimpan ke %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>Laporan tidak dapat dicetak</source>
        <translation>Report could not be printed</translation>
    </message>
    <message>
        <source>PDF tidak dapat disimpan</source>
        <translation>PDF could not be saved</translation>
    </message>
</context>
<context>
    <name>SitrepFeature</name>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="22"/>
        <source>Laporan &amp;Situasi…</source>
        <translation>&amp;Situation Report…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="25"/>
        <source>Susun, pratinjau dan cetak laporan situasi</source>
        <translation>Make, preview and print a situation report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sitrep_ui.py" line="28"/>
        <source>Laporan Situasi</source>
        <translation>Situation Report</translation>
    </message>
</context>
</TS>
