<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BulkStatusDialog</name>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="80"/>
        <source>Ubah status {0} insiden</source>
        <translation>Change the status of {0} incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="82"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="86"/>
        <source>Status baru *</source>
        <translation>New status *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="87"/>
        <source>Catatan *</source>
        <translation>Note *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="91"/>
        <source>Ubah status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="92"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="62"/>
        <source>Kontak baru</source>
        <translation>New contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="62"/>
        <source>Ubah kontak</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="71"/>
        <source>mis. KH, Dr., Ir.</source>
        <translation>e.g. KH, Dr., Ir.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="78"/>
        <source>Seluruh provinsi</source>
        <translation>Province-wide</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="84"/>
        <source>Satu nomor per baris, mis. 0812-3456-7890</source>
        <translation>One number per line, e.g. 0812-3456-7890</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="90"/>
        <source>Satu akun per baris, mis. instagram: @nama</source>
        <translation>One account per line, e.g. instagram: @name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="96"/>
        <source>mis. persetujuan tertulis, jabatan publik</source>
        <translation>e.g. written consent, public office</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="111"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="133"/>
        <source>&amp;Gelar</source>
        <translation>&amp;Honorific</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="134"/>
        <source>&amp;Nama *</source>
        <translation>&amp;Name *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="135"/>
        <source>&amp;Jabatan</source>
        <translation>&amp;Position</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="136"/>
        <source>&amp;Organisasi</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="137"/>
        <source>&amp;Kategori *</source>
        <translation>&amp;Category *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="138"/>
        <source>&amp;Forum</source>
        <translation>&amp;Forums</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="139"/>
        <source>Cakupan</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="140"/>
        <source>&amp;Wilayah</source>
        <translation>&amp;Regions</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="141"/>
        <source>Nomor &amp;telepon</source>
        <translation>&amp;Phone numbers</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="142"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="143"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="144"/>
        <source>Akun media &amp;sosial</source>
        <translation>&amp;Social accounts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="145"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="146"/>
        <source>&amp;Dasar/persetujuan</source>
        <translation>&amp;Basis/consent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="147"/>
        <source>&amp;Catatan</source>
        <translation>No&amp;tes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="153"/>
        <source>Data pribadi disembunyikan untuk peran Anda.</source>
        <translation>Personal data is hidden for your role.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="158"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="161"/>
        <source>Simpan (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="162"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="178"/>
        <source>* wajib diisi · Data pribadi dilindungi UU PDP: catat dasar/persetujuannya.</source>
        <translation>* required · Personal data is protected by the PDP Law: record its basis/consent.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contact_form.py" line="225"/>
        <source>akun</source>
        <translation>account</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="162"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="163"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="164"/>
        <source>Organisasi</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="165"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="166"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="167"/>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="168"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="169"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="170"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_model.py" line="212"/>
        <source>Seluruh provinsi</source>
        <translation>Province-wide</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="125"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="128"/>
        <source>Cari nama, jabatan, organisasi… (Ctrl+F)</source>
        <translation>Search name, position, organisation… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="113"/>
        <source>Cari nama, jabatan, organisasi, nomor telepon… (Ctrl+F)</source>
        <translation>Search name, position, organisation, phone number… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="146"/>
        <source>Kontak &amp;baru</source>
        <translation>&amp;New contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="147"/>
        <source>Kontak baru (Ctrl+Shift+N)</source>
        <translation>New contact (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="149"/>
        <source>&amp;Impor…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="151"/>
        <source>&amp;Ekspor…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="152"/>
        <source>Ekspor yang tampil ke CSV, XLSX atau vCard</source>
        <translation>Export what is shown to CSV, XLSX or vCard</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="180"/>
        <source>Chat &amp;WhatsApp</source>
        <translation>&amp;WhatsApp chat</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="183"/>
        <source>Salin &amp;nomor</source>
        <translation>Copy &amp;number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="186"/>
        <source>Kirim e-&amp;mail</source>
        <translation>Send e-&amp;mail</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="189"/>
        <source>&amp;Ubah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="191"/>
        <source>Catat &amp;kegiatan…</source>
        <translation>Log an &amp;engagement…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="194"/>
        <source>&amp;Hapus (UU PDP)…</source>
        <translation>&amp;Erase (PDP Law)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="195"/>
        <source>Hapus kontak dan data pribadinya</source>
        <translation>Erase the contact and their personal data</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="215"/>
        <source>Riwayat kegiatan:</source>
        <translation>Engagements:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="217"/>
        <source>Pilih kontak di tabel untuk melihat rinciannya.</source>
        <translation>Select a contact in the table to see the details.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="232"/>
        <location filename="../../desk_app/ui/contacts_tab.py" line="357"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="233"/>
        <location filename="../../desk_app/ui/contacts_tab.py" line="358"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="234"/>
        <location filename="../../desk_app/ui/contacts_tab.py" line="359"/>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="304"/>
        <source>{0} kontak sesuai saringan</source>
        <translation>{0} contacts match the filter</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="333"/>
        <source>Data pribadi disembunyikan untuk peran Anda.</source>
        <translation>Personal data is hidden for your role.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="335"/>
        <source>Belum ada kegiatan.</source>
        <translation>No engagements yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="352"/>
        <source>Seluruh provinsi</source>
        <translation>Province-wide</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="360"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="361"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="362"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="364"/>
        <source>Media sosial</source>
        <translation>Social media</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="367"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="368"/>
        <source>Dasar/persetujuan</source>
        <translation>Basis/consent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="369"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="423"/>
        <source>Nomor {0} disalin.</source>
        <translation>Number {0} copied.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="466"/>
        <location filename="../../desk_app/ui/contacts_tab.py" line="489"/>
        <location filename="../../desk_app/ui/contacts_tab.py" line="518"/>
        <source>Kontak</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="476"/>
        <source>Hapus kontak</source>
        <translation>Erase contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="478"/>
        <source>Hapus {0} beserta data pribadinya? Tindakan ini tidak dapat dibatalkan.</source>
        <translation>Erase {0} and their personal data? This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="512"/>
        <source>{0} kontak diekspor ke {1}</source>
        <translation>{0} contacts exported to {1}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="525"/>
        <source>Ekspor kontak</source>
        <translation>Export contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="527"/>
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv);;vCard (*.vcf)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv);;vCard (*.vcf)</translation>
    </message>
    <message>
        <source>Kegiatan tidak dapat disimpan</source>
        <translation>Engagement could not be saved</translation>
    </message>
    <message>
        <source>Kontak tidak dapat dihapus</source>
        <translation>Contact could not be deleted</translation>
    </message>
    <message>
        <source>Ekspor gagal</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="778"/>
        <source>Kemungkinan duplikat</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="783"/>
        <source>Insiden berikut mirip dengan yang akan disimpan. Pilih satu untuk dibuka atau digabung, atau simpan sebagai insiden baru.</source>
        <translation>These incidents look like the one being saved. Choose one to open or merge into, or save it as a new incident.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="792"/>
        <source>tautan sama</source>
        <translation>same link</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="794"/>
        <source>teks mirip {0}%</source>
        <translation>similar text {0}%</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="804"/>
        <source>&amp;Tetap simpan</source>
        <translation>&amp;Save anyway</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="805"/>
        <source>&amp;Buka yang ada</source>
        <translation>&amp;Open existing</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="806"/>
        <source>&amp;Gabungkan ke yang dipilih</source>
        <translation>&amp;Merge into the selected one</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="809"/>
        <source>Hanya koordinator yang dapat menggabungkan insiden.</source>
        <translation>Only a coordinator can merge incidents.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="810"/>
        <source>Kembali ke formulir</source>
        <translation>Back to the form</translation>
    </message>
</context>
<context>
    <name>EngagementDialog</name>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="61"/>
        <source>Catat kegiatan</source>
        <translation>Log an engagement</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="64"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="74"/>
        <source>Jenis *</source>
        <translation>Type *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="75"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="76"/>
        <source>Ringkasan *</source>
        <translation>Summary *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="80"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/contacts_tab.py" line="81"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="89"/>
        <source>Tambah tindak lanjut</source>
        <translation>Add a follow-up</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="92"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="100"/>
        <source>Jenis *</source>
        <translation>Type *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="101"/>
        <source>Catatan *</source>
        <translation>Note *</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="105"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="106"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormErrors</name>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="1"/>
        <source>Tanggal/waktu tidak terbaca. Tulis mis. 05/12/2026 13:30.</source>
        <translation>Date/time not understood. Write e.g. 05/12/2026 13:30.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="21"/>
        <source>Wajib diisi.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="22"/>
        <source>Terlalu panjang.</source>
        <translation>Too long.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="23"/>
        <source>Berisi karakter yang tidak sah.</source>
        <translation>Contains invalid characters.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="26"/>
        <source>Kabupaten/kota tidak dikenal.</source>
        <translation>Unknown regency/city.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="47"/>
        <source>Kode wilayah dan nama kabupaten/kota menunjuk wilayah yang berbeda.</source>
        <translation>The region code and the regency/city name point to different regions.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="27"/>
        <source>Kategori tidak dikenal.</source>
        <translation>Unknown category.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="28"/>
        <source>Subjek netralitas tidak dikenal.</source>
        <translation>Unknown neutrality subject.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="31"/>
        <source>Pilih tingkat keparahan 1 sampai 4.</source>
        <translation>Choose a severity from 1 to 4.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="34"/>
        <source>Sumber tidak dikenal.</source>
        <translation>Unknown source.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="35"/>
        <source>Platform tidak dikenal.</source>
        <translation>Unknown platform.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="36"/>
        <source>Tautan harus diawali http:// atau https://.</source>
        <translation>The link must start with http:// or https://.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="39"/>
        <source>Zona waktu tidak diketahui.</source>
        <translation>Unknown time zone.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="42"/>
        <source>Tidak boleh di masa depan.</source>
        <translation>Cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="43"/>
        <source>Terlalu lampau.</source>
        <translation>Too far in the past.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="44"/>
        <source>Waktu kejadian tidak boleh setelah waktu laporan.</source>
        <translation>The time of occurrence cannot be after the time reported.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="47"/>
        <source>Pengguna tidak dikenal atau nonaktif.</source>
        <translation>Unknown or disabled user.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="50"/>
        <source>Status tidak dikenal.</source>
        <translation>Unknown status.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="51"/>
        <source>Jenis tindak lanjut tidak dikenal.</source>
        <translation>Unknown follow-up type.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="54"/>
        <source>Jenis kegiatan tidak dikenal.</source>
        <translation>Unknown engagement type.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="57"/>
        <source>Forum tidak dikenal.</source>
        <translation>Unknown forum.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="58"/>
        <source>Nomor telepon tidak sah (contoh: 0812-3456-7890).</source>
        <translation>Not a valid phone number (example: 0812-3456-7890).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="61"/>
        <source>Alamat e-mail tidak sah.</source>
        <translation>Not a valid e-mail address.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="62"/>
        <source>Tanggal/waktu tidak sah.</source>
        <translation>Not a valid date/time.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="63"/>
        <source>Harus ya atau tidak.</source>
        <translation>Must be yes or no.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="64"/>
        <source>Kolom ini tidak dapat diubah.</source>
        <translation>This field cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="71"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="72"/>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="73"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="74"/>
        <source>Subjek netralitas</source>
        <translation>Neutrality subject</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="75"/>
        <source>Keparahan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="76"/>
        <source>Sumber</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="77"/>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="78"/>
        <source>Tautan</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="79"/>
        <source>Waktu kejadian</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="80"/>
        <source>Waktu laporan</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="81"/>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="82"/>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="83"/>
        <source>Nama pelapor</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="84"/>
        <source>Kontak pelapor</source>
        <translation>Reporter&apos;s contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="85"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="86"/>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="87"/>
        <location filename="../../desk_app/ui/form_errors.py" line="104"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="88"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="89"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="90"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="91"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="92"/>
        <source>Gelar</source>
        <translation>Honorific</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="93"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="94"/>
        <source>Organisasi</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="95"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="96"/>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="97"/>
        <source>Seluruh provinsi</source>
        <translation>Province-wide</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="98"/>
        <source>Nomor telepon</source>
        <translation>Phone numbers</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="99"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="100"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="101"/>
        <source>Akun media sosial</source>
        <translation>Social accounts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="102"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="103"/>
        <source>Dasar/persetujuan</source>
        <translation>Basis/consent</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="105"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="120"/>
        <source>Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah.</source>
        <translation>Your role may not do this. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="124"/>
        <source>Status tidak dapat diubah dari {0} ke {1}.</source>
        <translation>The status cannot change from {0} to {1}.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="128"/>
        <source>Data tidak ditemukan (mungkin sudah dihapus atau digabung).</source>
        <translation>Not found (it may have been deleted or merged).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="133"/>
        <source>Insiden tidak dapat digabung dengan dirinya sendiri.</source>
        <translation>An incident cannot be merged into itself.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="136"/>
        <source>Jenis berkas tidak didukung. Gunakan CSV, XLSX atau vCard.</source>
        <translation>Unsupported file type. Use CSV, XLSX or vCard.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="139"/>
        <source>Berkas tidak dapat dibaca.</source>
        <translation>The file cannot be read.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="142"/>
        <source>Berkas terpotong atau rusak. Simpan ulang lalu coba lagi.</source>
        <translation>The file is truncated or damaged. Save it again and retry.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="145"/>
        <source>Berkas kosong: tidak ada baris judul kolom.</source>
        <translation>The file is empty: there is no header row.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="148"/>
        <source>Impor dibatalkan. Tidak ada yang disimpan.</source>
        <translation>Import cancelled. Nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="153"/>
        <source>Terjadi kesalahan: {0}</source>
        <translation>An error occurred: {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="0"/>
        <source>Batalkan isian</source>
        <translation>Discard the form</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/form_errors.py" line="0"/>
        <source>Isian formulir ini belum disimpan. Buang isian ini?</source>
        <translation>This form has not been saved. Discard what was entered?</translation>
    </message>
    <message>
        <source>Berkas {0} tidak dapat ditulis ({1}).</source>
        <translation>File {0} could not be written ({1}).</translation>
    </message>
    <message>
        <source>Berkas {0} tidak dapat dibaca ({1}).</source>
        <translation>File {0} could not be read ({1}).</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="63"/>
        <source>Impor insiden</source>
        <extracomment>Bad rows listed in the dialog; all of them go to the &quot;save bad rows&quot; file.</extracomment>
        <translation>Import incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="63"/>
        <source>Impor kontak</source>
        <translation>Import contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="71"/>
        <source>Belum ada berkas.</source>
        <translation>No file yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="74"/>
        <source>&amp;Pilih berkas…</source>
        <translation>&amp;Choose a file…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="87"/>
        <source>Kolom berkas untuk setiap isian (* wajib)</source>
        <translation>File column for each field (* required)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="107"/>
        <source>Baris</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="107"/>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="115"/>
        <source>P&amp;eriksa baris</source>
        <translation>Ch&amp;eck rows</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="118"/>
        <source>Simpan baris &amp;bermasalah…</source>
        <translation>Save &amp;bad rows…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="121"/>
        <location filename="../../desk_app/ui/import_dialog.py" line="397"/>
        <source>&amp;Impor</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="124"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="134"/>
        <source>Pratinjau (baris pertama):</source>
        <translation>Preview (first rows):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="161"/>
        <source>Tabel (*.csv *.xlsx)</source>
        <translation>Tables (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="163"/>
        <source>Tabel atau vCard (*.csv *.xlsx *.vcf)</source>
        <translation>Tables or vCard (*.csv *.xlsx *.vcf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="190"/>
        <source>{0} — {1} kolom</source>
        <translation>{0} — {1} columns</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="200"/>
        <source>{0} — {1} kolom, pengodean {2}</source>
        <translation>{0} — {1} columns, encoding {2}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="195"/>
        <source>Berkas ini bukan UTF-8; dibaca sebagai {0}. Periksa huruf beraksen di pratinjau. Jika salah, simpan ulang berkas sebagai “CSV UTF-8”.</source>
        <translation>This file is not UTF-8; it was read as {0}. Check accented letters in the preview. If they are wrong, save the file again as “CSV UTF-8”.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="217"/>
        <source>(tidak diimpor)</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="272"/>
        <source>Pilih kolom untuk: {0}</source>
        <translation>Choose a column for: {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="298"/>
        <source>{0} baris: {1} baik, {2} bermasalah.</source>
        <translation>{0} rows: {1} good, {2} with problems.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="375"/>
        <source>Simpan baris bermasalah</source>
        <translation>Save bad rows</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="397"/>
        <source>&amp;Impor {0} baris baik</source>
        <translation>&amp;Import {0} good rows</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/import_dialog.py" line="410"/>
        <source>Terjadi kesalahan: {0}</source>
        <translation>An error occurred: {0}</translation>
    </message>
</context>
<context>
    <name>IncidentDetail</name>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="51"/>
        <source>Verifikasi</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="54"/>
        <source>Tandai tidak valid</source>
        <translation>Mark invalid</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="57"/>
        <source>Tindak lanjuti</source>
        <translation>Act on it</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="60"/>
        <source>Selesaikan</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="61"/>
        <source>Buka kembali</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="94"/>
        <source>Gambar PNG</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="95"/>
        <source>Gambar JPEG</source>
        <translation>JPEG image</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="96"/>
        <source>Gambar GIF</source>
        <translation>GIF image</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="97"/>
        <source>Gambar WEBP</source>
        <translation>WEBP image</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="98"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="109"/>
        <source>Jenis berkas tidak didukung. Lampirkan gambar (PNG, JPEG, GIF, WEBP) atau PDF.</source>
        <translation>This file type is not supported. Attach an image (PNG, JPEG, GIF, WEBP) or a PDF.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="113"/>
        <source>Berkas terlalu besar ({0}). Batasnya {1}.</source>
        <translation>The file is too large ({0}). The limit is {1}.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="119"/>
        <source>Berkas kosong.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="120"/>
        <source>Berkas tidak dapat dibaca ({0}).</source>
        <translation>The file cannot be read ({0}).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="123"/>
        <source>Berkas berubah saat disalin. Coba lagi.</source>
        <translation>The file changed while it was being copied. Try again.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="126"/>
        <source>Berkas yang sama sudah dilampirkan sebagai “{0}”.</source>
        <translation>The same file is already attached as “{0}”.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="129"/>
        <source>Berkas ini belum diunduh dari hub. Berkas diunduh pada sinkronisasi berikutnya.</source>
        <translation>This file has not been downloaded from the hub yet. It is downloaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="134"/>
        <source>Disk penuh: lampiran tidak dapat disimpan.</source>
        <translation>The disk is full: the attachment cannot be saved.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="138"/>
        <source>Lampiran tidak dapat disimpan di folder data ({0}).</source>
        <translation>The attachment cannot be saved in the data folder ({0}).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="142"/>
        <source>Berkas rusak: isinya tidak cocok dengan sidik jarinya.</source>
        <translation>The file is damaged: its content does not match its fingerprint.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="294"/>
        <source>Nama berkas</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="295"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="296"/>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="297"/>
        <source>Ditambahkan</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="319"/>
        <source>Tambah la&amp;mpiran…</source>
        <translation>Add atta&amp;chment…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="322"/>
        <source>Gambar (PNG, JPEG, GIF, WEBP) atau PDF, paling besar {0}</source>
        <translation>An image (PNG, JPEG, GIF, WEBP) or a PDF, at most {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="327"/>
        <source>Bu&amp;ka</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="330"/>
        <source>Ha&amp;pus</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>jenis ditolak</source>
        <translation>type refused</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>terlalu besar</source>
        <translation>too large</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>rusak</source>
        <translation>damaged</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>Berkas rusak dan tidak dapat ditampilkan. Coba “Buka di aplikasi lain”, atau minta pengirim mengirim ulang.</source>
        <translation>The file is damaged and cannot be shown. Try “Open in another application”, or ask the sender to send it again.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>Gambar terlalu besar untuk ditampilkan di sini ({0} × {1} piksel). Gunakan “Buka di aplikasi lain”.</source>
        <translation>The image is too large to show here ({0} × {1} pixels). Use “Open in another application”.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>P&amp;ratinjau</source>
        <translation>P&amp;review</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>Lihat berkas di sini (Enter atau klik dua kali)</source>
        <translation>View the file here (Enter or double-click)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachments_panel.py"/>
        <source>Buka berkas dengan aplikasi lain di komputer ini</source>
        <translation>Open the file with another application on this computer</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="423"/>
        <source>Lampiran ({0})</source>
        <translation>Attachments ({0})</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="425"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="428"/>
        <source>Berkas ini belum diunduh dari hub; berkas diunduh pada sinkronisasi berikutnya.</source>
        <translation>This file has not been downloaded from the hub yet; it is downloaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="438"/>
        <source>belum diunduh</source>
        <translation>not downloaded yet</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="458"/>
        <source>Belum ada lampiran. Tambahkan tangkapan layar unggahan, foto atau surat (PDF).</source>
        <translation>No attachments yet. Add screenshots of posts, photos or letters (PDF).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="466"/>
        <source>Berkas yang belum diunduh diambil dari hub pada sinkronisasi berikutnya.</source>
        <translation>Files not downloaded yet are fetched from the hub at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="734"/>
        <source>Tambah lampiran</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="736"/>
        <source>Gambar dan PDF (*.png *.jpg *.jpeg *.gif *.webp *.pdf)</source>
        <translation>Images and PDF (*.png *.jpg *.jpeg *.gif *.webp *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="738"/>
        <source>Semua berkas (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="768"/>
        <source>Menyalin {0} berkas…</source>
        <translation>Copying {0} file(s)…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="800"/>
        <source>Lampiran tidak ditambahkan</source>
        <translation>Attachment not added</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="829"/>
        <source>Tidak ada aplikasi untuk membuka berkas ini: {0}</source>
        <translation>No application can open this file: {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="841"/>
        <source>Hapus lampiran</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="842"/>
        <source>Hapus lampiran “{0}” dari insiden ini? Lampiran juga hilang dari workstation lain setelah sinkronisasi.</source>
        <translation>Remove the attachment “{0}” from this incident? It also disappears from the other workstations after they sync.</translation>
    </message>
    <message>
        <source>Lampiran tidak dapat dibuka</source>
        <translation>Attachment could not be opened</translation>
    </message>
    <message>
        <source>Lampiran tidak dapat dihapus</source>
        <translation>Attachment could not be removed</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPane</name>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="1"/>
        <source>Tambah tindak lanjut (Ctrl+Shift+T)</source>
        <translation>Add a follow-up (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="1"/>
        <source>Verifikasi, dengan catatan (Ctrl+Shift+V)</source>
        <translation>Verify, with a note (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="141"/>
        <source>&amp;Ubah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="144"/>
        <source>&amp;Gabungkan insiden lain ke sini…</source>
        <translation>&amp;Merge another incident into this one…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="147"/>
        <source>Tambah &amp;tindak lanjut…</source>
        <translation>Add a &amp;follow-up…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="157"/>
        <source>Tindak lanjut</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="158"/>
        <source>Riwayat status</source>
        <translation>Status history</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="159"/>
        <source>Riwayat perubahan</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="160"/>
        <source>Pilih insiden di tabel untuk melihat rinciannya.</source>
        <translation>Select an incident in the table to see the details.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="185"/>
        <source>Ubah status:</source>
        <translation>Change status:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="231"/>
        <source>Tautan</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="232"/>
        <source>Sumber digabung</source>
        <translation>Merged source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="233"/>
        <source>Belum ada tindak lanjut.</source>
        <translation>No follow-ups yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="234"/>
        <source>Belum ada perubahan status.</source>
        <translation>No status changes yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="249"/>
        <source>Waktu kejadian</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="250"/>
        <source>Waktu laporan</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="252"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="255"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="260"/>
        <source>Subjek netralitas</source>
        <translation>Neutrality subject</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="267"/>
        <source>Sumber</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="271"/>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="275"/>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="275"/>
        <source>belum ditugaskan</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="317"/>
        <source>Hanya koordinator yang dapat mengubah ke status ini.</source>
        <translation>Only a coordinator can set this status.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="353"/>
        <source>dibuat</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="354"/>
        <source>diubah</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="355"/>
        <source>dihapus</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="384"/>
        <source>Catatan untuk perubahan status ke “{0}” (wajib):</source>
        <translation>Note for the change of status to “{0}” (required):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_detail.py" line="466"/>
        <source>Tidak dapat disimpan</source>
        <translation>Cannot be saved</translation>
    </message>
    <message>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Status tidak dapat diubah</source>
        <translation>Status could not be changed</translation>
    </message>
    <message>
        <source>Tindak lanjut tidak dapat disimpan</source>
        <translation>Follow-up could not be saved</translation>
    </message>
    <message>
        <source>Insiden tidak dapat digabung</source>
        <translation>Incidents could not be merged</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="175"/>
        <source>Insiden baru</source>
        <extracomment>Seconds after the last change before the draft is written. The incident being edited, or None for a new one.</extracomment>
        <translation>New incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="175"/>
        <source>Ubah insiden</source>
        <translation>Edit incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="216"/>
        <source>https://… (tempel tautan unggahan)</source>
        <translation>https://… (paste the post&apos;s link)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="272"/>
        <source>&amp;Judul</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="273"/>
        <source>&amp;Kabupaten/kota</source>
        <translation>&amp;Regency/city</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="274"/>
        <source>Kate&amp;gori</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="275"/>
        <source>Subjek &amp;netralitas</source>
        <translation>&amp;Neutrality subject</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="276"/>
        <source>Ke&amp;parahan</source>
        <translation>Se&amp;verity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="277"/>
        <source>&amp;Sumber</source>
        <translation>&amp;Source</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="278"/>
        <source>&amp;Tautan</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="279"/>
        <source>Plat&amp;form</source>
        <translation>Plat&amp;form</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="280"/>
        <source>&amp;Waktu kejadian (WIB)</source>
        <translation>&amp;Occurred (WIB)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="281"/>
        <source>Waktu &amp;laporan (WIB)</source>
        <translation>Re&amp;ported (WIB)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="282"/>
        <source>K&amp;ecamatan</source>
        <translation>Dis&amp;trict</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="283"/>
        <source>&amp;Desa/kelurahan</source>
        <translation>&amp;Village</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="284"/>
        <source>Nama pelapo&amp;r</source>
        <translation>Reporter&apos;s na&amp;me</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="285"/>
        <source>Kontak pelapor</source>
        <translation>Reporter&apos;s contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="286"/>
        <source>&amp;Uraian</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="287"/>
        <source>Pet&amp;ugas</source>
        <translation>&amp;Assignee</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="291"/>
        <source>* wajib diisi · Ctrl+Enter menyimpan · Esc membatalkan</source>
        <translation>* required · Ctrl+Enter saves · Esc cancels</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="295"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="299"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="301"/>
        <source>Simpan (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="302"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="318"/>
        <source>Insiden ini telah diubah di workstation lain sejak formulir dibuka. Muat ulang untuk melihat versi terbaru, atau tetap simpan isian Anda: kolom yang Anda ubah menimpa perubahan itu, kolom lain mengikuti versi terbaru.</source>
        <translation>This incident was changed on another workstation since the form was opened. Reload to see the latest version, or keep your entries: the fields you changed overwrite that change, the other fields follow the latest version.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="325"/>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="327"/>
        <source>&amp;Tetap simpan</source>
        <translation>&amp;Keep my edits</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="383"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="396"/>
        <source>— tidak ada —</source>
        <translation>— none —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="400"/>
        <source>— belum ditugaskan —</source>
        <translation>— not assigned —</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="405"/>
        <source>Data pribadi disembunyikan untuk peran Anda.</source>
        <translation>Personal data is hidden for your role.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="598"/>
        <source>Muat ulang</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="599"/>
        <source>Isian Anda yang belum disimpan akan dibuang. Muat ulang?</source>
        <translation>Your unsaved entries will be discarded. Reload?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="692"/>
        <source>Insiden telah diubah</source>
        <translation>Incident changed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_form.py" line="694"/>
        <source>Insiden ini telah diubah di workstation lain sejak formulir dibuka. Simpan isian Anda? Kolom yang Anda ubah menimpa perubahan itu; kolom lain mengikuti versi terbaru.</source>
        <translation>This incident was changed on another workstation since the form was opened. Save your entries? The fields you changed overwrite that change; the other fields follow the latest version.</translation>
    </message>
    <message>
        <source>Sama dengan terak&amp;hir</source>
        <translation>Sam&amp;e as last</translation>
    </message>
    <message>
        <source>Isi dengan wilayah insiden terakhir: %1</source>
        <translation>Fill in the region of the last incident: %1</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="260"/>
        <source>No.</source>
        <extracomment>The whole ``IncidentRow`` of a row. (key in ``IncidentFilter.sort``, header text) of each column, in order. Rows matching the filter, once the worker has counted them. The first page of a new filter or sort is shown. True from a reload until its first page arrives.</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="261"/>
        <source>Waktu kejadian</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="262"/>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="263"/>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="264"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="265"/>
        <source>Keparahan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="266"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="267"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_model.py" line="268"/>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="130"/>
        <source>Cari judul, uraian, tempat… (Ctrl+F)</source>
        <translation>Search title, description, place… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="152"/>
        <source>Atur ulang</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="153"/>
        <source>Hapus semua saringan</source>
        <translation>Clear all filters</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="156"/>
        <source>Insiden &amp;baru</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="158"/>
        <source>Insiden baru (Ctrl+N)</source>
        <translation>New incident (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="160"/>
        <source>&amp;Tugaskan…</source>
        <translation>A&amp;ssign…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="163"/>
        <source>Ubah &amp;status…</source>
        <translation>Change &amp;status…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="166"/>
        <source>&amp;Impor…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="169"/>
        <source>&amp;Ekspor…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="172"/>
        <source>Ekspor yang tampil sesuai saringan ke CSV atau XLSX</source>
        <translation>Export what the filter shows to CSV or XLSX</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="218"/>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="219"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="220"/>
        <source>Keparahan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="221"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="222"/>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="229"/>
        <source>Tanggal kejadian dari</source>
        <translation>Occurred from</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="231"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="249"/>
        <source>&amp;Buka kembali</source>
        <translation>&amp;Open them again</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="252"/>
        <source>B&amp;uang</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="284"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="365"/>
        <source>{0} insiden sesuai saringan</source>
        <translation>{0} incidents match the filter</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="370"/>
        <source>Menghitung…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="454"/>
        <source>(tanpa judul)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="459"/>
        <source>Ada {0} formulir insiden yang belum disimpan: {1}</source>
        <translation>{0} incident forms were not saved: {1}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="480"/>
        <source>Buang isian</source>
        <translation>Discard forms</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="481"/>
        <source>Buang semua formulir insiden yang belum disimpan?</source>
        <translation>Discard every unsaved incident form?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="518"/>
        <source>Tidak ada yang diubah: {0}</source>
        <translation>Nothing was changed: {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="526"/>
        <source>(lepaskan penugasan)</source>
        <translation>(unassign)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="531"/>
        <source>Tugaskan {0} insiden</source>
        <translation>Assign {0} incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="532"/>
        <source>Petugas:</source>
        <translation>Assignee:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="568"/>
        <source>{0} insiden diekspor ke {1}</source>
        <translation>{0} incidents exported to {1}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="580"/>
        <source>Ekspor insiden</source>
        <translation>Export incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="582"/>
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incidents_tab.py" line="614"/>
        <source>Insiden</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Insiden tidak dapat ditugaskan</source>
        <translation>Incidents could not be assigned</translation>
    </message>
    <message>
        <source>Status tidak dapat diubah</source>
        <translation>Status could not be changed</translation>
    </message>
    <message>
        <source>Ekspor gagal</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Gabungkan insiden ke %1</source>
        <translation>Merge into %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Pilih insiden yang digabung ke &lt;b&gt;%1&lt;/b&gt; — %2. Insiden yang dipilih menjadi sumber insiden ini: tautan, tindak lanjut dan lampirannya tampil di sini, dan ia keluar dari daftar dan hitungan.</source>
        <translation>Choose the incident to merge into &lt;b&gt;%1&lt;/b&gt; — %2. The chosen incident becomes a source of this one: its link, follow-ups and attachments show here, and it leaves the lists and counts.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Cari nomor insiden atau kata di judul…</source>
        <translation>Search an incident number or words of its title…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>&amp;Gabungkan</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Hasil pencarian</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Kemungkinan duplikat</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Tidak ada insiden yang cocok.</source>
        <translation>No incident matches.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Tidak ada yang mirip. Cari insiden lain dengan nomor atau kata.</source>
        <translation>Nothing similar. Search for another incident by its number or words.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>&amp;Gabungkan %1 ke sini</source>
        <translation>&amp;Merge %1 into this one</translation>
    </message>
</context>
<context>
    <name>CandidateList</name>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Kecocokan</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>nomor</source>
        <translation>number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/merge_dialog.py" line="0"/>
        <source>kata</source>
        <translation>words</translation>
    </message>
</context>
<context>
    <name>AttachmentPreview</name>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Pratinjau: {0}</source>
        <translation>Preview: {0}</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>&amp;Pas layar</source>
        <translation>&amp;Fit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Seluruh gambar di jendela (Ctrl+0)</source>
        <translation>The whole picture in the window (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Ukuran sebenarnya (Ctrl+1)</source>
        <translation>Actual size (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>◀ &amp;Sebelumnya</source>
        <translation>◀ &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Halaman sebelumnya (Page Up)</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Be&amp;rikutnya ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Halaman berikutnya (Page Down)</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Bu&amp;ka di aplikasi lain</source>
        <translation>&amp;Open in another application</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Buka berkas dengan penampil gambar atau PDF komputer ini</source>
        <translation>Open the file with this computer’s image or PDF viewer</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/attachment_preview.py"/>
        <source>Halaman {0} dari {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
</context>
<context>
    <name>ExportUi</name>
    <message>
        <source>Data pribadi dalam ekspor</source>
        <translation>Personal data in the export</translation>
    </message>
    <message>
        <source>Ekspor ini dapat memuat data pribadi: nama dan nomor telepon pelapor, nomor telepon, surel dan alamat mitra.

Sertakan data pribadi dalam berkas? Pilih Tidak untuk menyamarkannya. Ekspor dicatat di log audit (UU PDP).</source>
        <translation>This export can contain personal data: reporters' names and phone numbers, partners' phone numbers, e-mail and addresses.

Include personal data in the file? Choose No to mask it. The export is recorded in the audit log (UU PDP).</translation>
    </message>
</context>
<context>
    <name>DateTimeEdit</name>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>hh/bb/tttt</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Ketik atau tempel tanggal, mis. 05/12/2026 atau 2026-12-05. Panah atas/bawah mengubah bagian di kursor; Ctrl+Home: hari ini.</source>
        <translation>Type or paste a date, e.g. 05/12/2026 or 2026-12-05. Up/Down arrows change the part at the cursor; Ctrl+Home: today.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Isi dengan tanggal hari ini (Ctrl+Home)</source>
        <translation>Set to today's date (Ctrl+Home)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Tidak terbaca; mis. 05/12/2026</source>
        <translation>Not understood; e.g. 05/12/2026</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Ketik atau tempel tanggal dan jam, mis. 05/12/2026 13:30, 2026-12-05 13.30. Panah atas/bawah mengubah bagian di kursor; Ctrl+Home: sekarang; Ctrl+Bawah/Atas: 15 menit mundur/maju.</source>
        <translation>Type or paste a date and time, e.g. 05/12/2026 13:30, 2026-12-05 13.30. Up/Down arrows change the part at the cursor; Ctrl+Home: now; Ctrl+Down/Up: 15 minutes back/forward.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>hh/bb/tttt jj:mm</source>
        <translation>dd/mm/yyyy hh:mm</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Sekarang</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Isi dengan waktu sekarang (Ctrl+Home)</source>
        <translation>Set to the current time (Ctrl+Home)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>−15 mnt</source>
        <translation>−15 min</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Mundur 15 menit (Ctrl+Bawah)</source>
        <translation>Back 15 minutes (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/datetime_edit.py" line="1"/>
        <source>Tidak terbaca; mis. 05/12/2026 13:30</source>
        <translation>Not understood; e.g. 05/12/2026 13:30</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../desk_app/ui/note_dialog.py" line="1"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/note_dialog.py" line="1"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/note_dialog.py" line="1"/>
        <source>Simpan (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/note_dialog.py" line="1"/>
        <source>Ctrl+Enter menyimpan · Esc membatalkan</source>
        <translation>Ctrl+Enter saves · Esc cancels</translation>
    </message>
</context>
</TS>
