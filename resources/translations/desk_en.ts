<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AlertLevelDialog</name>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="220" />
        <source>Ubah tingkat siaga</source>
        <translation>Change alert level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="244" />
        <source>Misalnya: bentrok antarpendukung di Kec. Tembalang, 3 orang luka</source>
        <translation>For example: supporters clashed in Tembalang district, 3 injured</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="251" />
        <source>Wilayah:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="252" />
        <source>Tingkat sekarang:</source>
        <translation>Current level:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="256" />
        <source>Tingkat &amp;baru:</source>
        <translation>&amp;New level:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="260" />
        <source>&amp;Alasan (wajib):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="271" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="272" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="288" />
        <source>Alasan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>ElectionDialog</name>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="1"/>
        <source>Kosongkan bila belum ditetapkan</source>
        <translation>Leave empty while not decided</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="61" />
        <source>Pengaturan pemilihan</source>
        <extracomment>The lowest date of an optional date field stands for "not set".</extracomment>
        <translation>Election settings</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="168" />
        <source>Tidak ada pengguna yang masuk.</source>
        <translation>Nobody is signed in.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="125" />
        <location filename="../../desk_app/ui/election_dialog.py" line="180" />
        <source>Hanya administrator yang dapat mengubah pengaturan pemilihan.</source>
        <translation>Only administrators can change the election settings.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="96" />
        <source>&amp;Nama pemilihan (wajib):</source>
        <translation>&amp;Election name (required):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="97" />
        <source>&amp;Hari pemungutan suara (wajib):</source>
        <translation>&amp;Voting day (required):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="98" />
        <source>&amp;Awal kampanye:</source>
        <translation>Campaign &amp;starts:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="99" />
        <source>A&amp;khir kampanye:</source>
        <translation>Campaign &amp;ends:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="100" />
        <source>Awal &amp;masa tenang:</source>
        <translation>&amp;Quiet period starts:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="101" />
        <source>Akhir masa &amp;tenang:</source>
        <translation>Quiet period e&amp;nds:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="132" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="133" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="191" />
        <source>Wajib diisi.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="192" />
        <source>Terlalu panjang.</source>
        <translation>Too long.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="193" />
        <source>Berisi karakter yang tidak sah.</source>
        <translation>Contains invalid characters.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="194" />
        <source>Tanggal akhir tidak boleh sebelum tanggal awal.</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/election_dialog.py" line="195" />
        <source>Harus sebelum hari pemungutan suara.</source>
        <translation>Must be before voting day.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="18" />
        <source>Kondusif</source>
        <translation>Calm</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="19" />
        <source>Waspada</source>
        <translation>Watch</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="20" />
        <source>Siaga</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="21" />
        <source>Awas</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="28" />
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="29" />
        <source>tanda-tanda ketegangan</source>
        <translation>signs of tension</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="30" />
        <source>insiden sedang berlangsung</source>
        <translation>incidents under way</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="31" />
        <source>gangguan serius</source>
        <translation>serious disturbance</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="64" />
        <location filename="../../desk_app/ui/labels.py" line="73" />
        <source>Rendah</source>
        <extracomment>Fill colours of the alert levels: green, yellow, orange, red. Print patterns of the alert levels (domain.md): none, light dots, diagonal hatch, dense cross-hatch.</extracomment>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="65" />
        <location filename="../../desk_app/ui/labels.py" line="74" />
        <source>Sedang</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="66" />
        <location filename="../../desk_app/ui/labels.py" line="75" />
        <source>Tinggi</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="76" />
        <source>Kritis</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="91" />
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="92" />
        <source>Terverifikasi</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="93" />
        <source>Tidak valid</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="94" />
        <source>Ditindaklanjuti</source>
        <translation>In follow-up</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="97" />
        <source>Selesai</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="98" />
        <source>Dibuka kembali</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="105" />
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="106" />
        <source>Koordinator</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/labels.py" line="107" />
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Ubah tingkat siaga wilayah terpilih (tab Wilayah)</source>
        <translation>Change the selected region's alert level (Regions tab)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Buka baris terpilih di tabel</source>
        <translation>Open the selected table row</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Simpan formulir atau catatan</source>
        <translation>Save a form or note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Tutup formulir atau dialog tanpa menyimpan</source>
        <translation>Close a form or dialog without saving</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Kolom tanggal: isi waktu sekarang</source>
        <translation>Date field: set the current time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Kolom tanggal: mundur 15 menit</source>
        <translation>Date field: back 15 minutes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="1"/>
        <source>Kolom tanggal: maju 15 menit</source>
        <translation>Date field: forward 15 minutes</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="86" />
        <source>Desk Pilkada — Pemerintah Provinsi Jawa Tengah</source>
        <extracomment>Feature modules that add menus, actions, status widgets or panels to the window. Each has ``install(window: MainWindow) -&gt; None``; they are installed in this order. The tabs, in order; their keys are what ``--tab`` and the settings use. What "now" is (UTC). Real time, except for screenshots of a past demo period.</extracomment>
        <translation>Desk Pilkada — Provincial Government of Central Java</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="91" />
        <source>Bilah alat</source>
        <extracomment>Every window-level command by name ("new_incident", "find", "tab_wilayah", ...).</extracomment>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="123" />
        <source>Tab Insiden belum tersedia dalam versi ini.</source>
        <translation>The Incidents tab is not available in this version yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="128" />
        <source>Tab Kontak belum tersedia dalam versi ini.</source>
        <translation>The Contacts tab is not available in this version yet.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="131" />
        <source>&amp;Wilayah</source>
        <translation>&amp;Regions</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="132" />
        <source>&amp;Insiden</source>
        <translation>&amp;Incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="133" />
        <source>&amp;Kontak</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="134" />
        <source>&amp;Ringkasan</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="170" />
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="171" />
        <source>&amp;Sunting</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="172" />
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="173" />
        <source>&amp;Laporan</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="174" />
        <source>&amp;Administrasi</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="175" />
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="183" />
        <source>Insiden &amp;baru…</source>
        <translation>&amp;New incident…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="186" />
        <source>Catat insiden baru</source>
        <translation>Log a new incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="190" />
        <source>&amp;Kontak baru…</source>
        <translation>New &amp;contact…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="193" />
        <source>Tambah kontak forum kemitraan</source>
        <translation>Add a partner-forum contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="197" />
        <source>&amp;Preferensi…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="200" />
        <source>Bahasa dan kunci layar otomatis</source>
        <translation>Language and automatic screen lock</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="205" />
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="208" />
        <location filename="../../desk_app/ui/main_window.py" line="211" />
        <source>Tutup Desk Pilkada</source>
        <translation>Close Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="223" />
        <source>&amp;Cari…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="226" />
        <source>Cari di tab ini</source>
        <translation>Search this tab</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="232" />
        <source>&amp;Muat ulang</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="235" />
        <source>Muat ulang data semua tab</source>
        <translation>Reload the data of every tab</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="242" />
        <source>Wilayah</source>
        <translation>Regions</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="243" />
        <source>Insiden</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="244" />
        <source>Kontak</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="245" />
        <source>Ringkasan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="253" />
        <source>Buka tab %1</source>
        <translation>Open the %1 tab</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="260" />
        <source>Tampilkan &amp;bilah alat</source>
        <translation>Show the &amp;toolbar</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="265" />
        <source>Pengaturan &amp;pemilihan…</source>
        <translation>&amp;Election settings…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="267" />
        <source>Nama pemilihan, hari pemungutan suara, masa kampanye dan masa tenang</source>
        <translation>The election's name, voting day, campaign and quiet period</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="273" />
        <source>&amp;Tentang Desk Pilkada</source>
        <translation>&amp;About Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="275" />
        <source>Versi dan keterangan</source>
        <translation>Version and credits</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="280" />
        <source>&amp;Pintasan papan ketik</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="283" />
        <source>Daftar pintasan papan ketik</source>
        <translation>List of keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="297" />
        <source>belum masuk</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="300" />
        <source>Pengguna yang masuk dan perannya</source>
        <translation>The signed-in user and their role</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="302" />
        <source>Workstation %1</source>
        <translation>Workstation %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="305" />
        <source>Kode workstation ini</source>
        <translation>This workstation's code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="310" />
        <source>Waktu Indonesia Barat</source>
        <translation>Western Indonesia Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="349" />
        <source>%1: pemungutan suara %2</source>
        <translation>%1: voting on %2</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="416" />
        <source>Tentang Desk Pilkada</source>
        <translation>About Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="418" />
        <source>&lt;h3&gt;Desk Pilkada %1&lt;/h3&gt;&lt;p&gt;Pemantauan pemilihan kepala daerah serentak di 35 kabupaten/kota Jawa Tengah.&lt;/p&gt;&lt;p&gt;Biro Pemerintahan, Otonomi dan Kerja Sama, Setda Provinsi Jawa Tengah.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Desk Pilkada %1&lt;/h3&gt;&lt;p&gt;Monitoring the simultaneous regional elections in the 35 regencies and cities of Central Java.&lt;/p&gt;&lt;p&gt;Bureau of Government, Autonomy and Cooperation, Regional Secretariat of Central Java Province.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="543" />
        <source>&lt;p&gt;Revisi skema basis data: %1&lt;br&gt;Direktori data: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;Database schema revision: %1&lt;br&gt;Data directory: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/main_window.py" line="433" />
        <source>Pintasan papan ketik</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../desk_app/ui/ops.py" line="120"/>
        <source>Tidak dapat disimpan</source>
        <translation>Could not be saved</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/ops.py" line="134"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="157" />
        <source>Memuat…</source>
        <extracomment>Colours of the categories in the chart, in taxonomy order; distinct in hue and lightness.</extracomment>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="159" />
        <source>Semua insiden</source>
        <translation>All incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="160" />
        <source>Insiden terbuka</source>
        <translation>Open incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="162" />
        <source>Terbuka, keparahan Kritis atau Tinggi</source>
        <translation>Open, severity Critical or High</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="164" />
        <source>Insiden dalam 24 jam terakhir</source>
        <translation>Incidents in the last 24 hours</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="165" />
        <source>Wilayah berstatus Siaga atau Awas</source>
        <translation>Regions at Alert or Emergency</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="179" />
        <source>Keparahan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="180" />
        <location filename="../../desk_app/ui/overview_tab.py" line="189" />
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="205" />
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="206" />
        <source>Kabupaten/Kota</source>
        <translation>Regency/City</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="208" />
        <source>Tingkat siaga</source>
        <translation>Alert level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="223" />
        <source>Tidak ada wilayah berstatus Siaga atau Awas.</source>
        <translation>No region is at Alert or Emergency.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="228" />
        <source>Insiden per hari menurut kategori, 14 hari terakhir</source>
        <translation>Incidents per day by category, last 14 days</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="237" />
        <source>Insiden menurut keparahan dan status</source>
        <translation>Incidents by severity and status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="240" />
        <source>Wilayah berstatus Siaga dan Awas</source>
        <translation>Regions at Alert and Emergency</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="288" />
        <source>Keadaan per %1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/overview_tab.py" line="333" />
        <source>Insiden</source>
        <translation>Incidents</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="25" />
        <source>Preferensi</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Bahasa baru berlaku setelah Desk Pilkada dimulai ulang.</source>
        <translation>A new language applies when Desk Pilkada starts again.</translation>
    </message>
    <message numerus="yes">
        <source> menit</source>
        <translation>
            <numerusform> minute</numerusform>
            <numerusform> minutes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="43" />
        <source>Tidak pernah</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="46" />
        <source>Layar terkunci setelah sekian menit tanpa aktivitas (0: tidak pernah)</source>
        <translation>The screen locks after this many minutes without activity (0: never)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="50" />
        <source>&amp;Bahasa:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="52" />
        <source>&amp;Kunci layar setelah:</source>
        <translation>&amp;Lock the screen after:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="60" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/preferences_dialog.py" line="61" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ganti bahasa</source>
        <translation>Change language</translation>
    </message>
    <message>
        <source>Bahasa akan berganti setelah Desk Pilkada dimulai ulang. Mulai ulang sekarang?</source>
        <translation>The language changes when Desk Pilkada starts again. Restart now?</translation>
    </message>
    <message>
        <source>&amp;Mulai ulang sekarang</source>
        <translation>&amp;Restart now</translation>
    </message>
    <message>
        <source>&amp;Nanti</source>
        <translation>&amp;Later</translation>
    </message>
</context>
<context>
    <name>RegionBoardModel</name>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="122" />
        <source>Insiden terbuka dengan keparahan %1</source>
        <extracomment>Tables whose changes the board shows.</extracomment>
        <translation>Open incidents of severity %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="140" />
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="142" />
        <source>Kabupaten/Kota</source>
        <translation>Regency/City</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="148" />
        <source>Tingkat siaga</source>
        <translation>Alert level</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="156" />
        <source>IKP 2024</source>
        <translation>IKP 2024</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="159" />
        <source>Indeks Kerawanan Pemilu 2024 (Bawaslu): tingkat dan skor</source>
        <translation>Bawaslu's 2024 Election Vulnerability Index (IKP): level and score</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="162" />
        <source>Terbuka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="165" />
        <source>Semua insiden yang masih terbuka</source>
        <translation>All incidents still open</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="173" />
        <source>24 jam</source>
        <translation>24 h</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="176" />
        <source>Insiden dalam 24 jam terakhir</source>
        <translation>Incidents in the last 24 hours</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="180" />
        <source>Insiden terakhir</source>
        <translation>Last incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="183" />
        <source>Waktu insiden terakhir (WIB)</source>
        <translation>Time of the last incident (WIB)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="185" />
        <source>Penghubung</source>
        <translation>Liaison</translation>
    </message>
</context>
<context>
    <name>RegionDetailPanel</name>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="327" />
        <location filename="../../desk_app/ui/regions_tab.py" line="447" />
        <source>Pilih wilayah di peta atau tabel.</source>
        <translation>Choose a region on the map or in the table.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="354" />
        <source>Tingkat siaga:</source>
        <translation>Alert level:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="355" />
        <source>IKP 2024:</source>
        <translation>IKP 2024:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="356" />
        <source>Insiden terbuka:</source>
        <translation>Open incidents:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="357" />
        <source>Penghubung:</source>
        <translation>Liaison:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="358" />
        <source>Catatan:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="363" />
        <location filename="../../desk_app/ui/regions_tab.py" line="388" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="365" />
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="370" />
        <source>Ke</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="376" />
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="377" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="386" />
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="393" />
        <location filename="../../desk_app/ui/regions_tab.py" line="414" />
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="397" />
        <source>Keparahan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="402" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="403" />
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="410" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="411" />
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="412" />
        <source>Organisasi</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="417" />
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="425" />
        <source>Klik dua kali atau tekan Enter untuk membuka insiden.</source>
        <translation>Double-click or press Enter to open an incident.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="435" />
        <source>Riwayat siaga</source>
        <translation>Level history</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="494" />
        <source>Riwayat siaga (%1)</source>
        <translation>Level history (%1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="436" />
        <source>Insiden</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="437" />
        <source>Kontak</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="467" />
        <source>%1 (%2); %3 dalam 24 jam</source>
        <translation>%1 (%2); %3 in 24 hours</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="484" />
        <source>Insiden (%1)</source>
        <translation>Incidents (%1)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="488" />
        <source>Menampilkan %1 insiden terbaru dari %2; semuanya ada di tab Insiden.</source>
        <translation>Showing the latest %1 of %2 incidents; the Incidents tab has them all.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="498" />
        <source>Kontak (%1)</source>
        <translation>Contacts (%1)</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <location filename="../../desk_app/ui/region_map.py" line="134" />
        <source>Peta status wilayah</source>
        <extracomment>Tile of each region (column, row), drawn from the seats' coordinates by hand so that neighbours stay neighbours; see the module docstring.</extracomment>
        <translation>Map of region status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/region_map.py" line="195" />
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>RegionsTab</name>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="559" />
        <source>Ubah tingkat &amp;siaga…</source>
        <extracomment>An incident the user wants to open (the window switches to the Insiden tab). The board finished loading (tests and the screenshot wait for it).</extracomment>
        <translation>Change &amp;alert level…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="646" />
        <source>Desk Pilkada</source>
        <translation>Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="647" />
        <source>Data wilayah tidak dapat dimuat: %1</source>
        <translation>The region data could not be loaded: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="706" />
        <source>Ubah tingkat siaga wilayah terpilih, dengan alasan</source>
        <translation>Change the selected region's alert level, with a reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="708" />
        <source>Hanya koordinator dan administrator yang dapat mengubah tingkat siaga</source>
        <translation>Only coordinators and administrators can change alert levels</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="726" />
        <source>Tidak ada pengguna yang masuk.</source>
        <translation>Nobody is signed in.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="734" />
        <source>Peran Anda tidak berwenang mengubah tingkat siaga. Tidak ada yang diubah.</source>
        <translation>Your role may not change alert levels. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="738" />
        <source>Wilayah sudah berada pada tingkat siaga ini.</source>
        <translation>The region is already at this alert level.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="752" />
        <source>Alasan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="754" />
        <source>Alasan terlalu panjang (paling banyak 2.000 karakter).</source>
        <translation>The reason is too long (at most 2,000 characters).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="755" />
        <source>Alasan berisi karakter yang tidak sah.</source>
        <translation>The reason contains characters that are not allowed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/regions_tab.py" line="756" />
        <source>Tingkat siaga tidak dikenal.</source>
        <translation>Unknown alert level.</translation>
    </message>
    <message>
        <source>Data wilayah tidak dapat dimuat</source>
        <translation>Region data could not be loaded</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Selamat datang di Desk Pilkada</source>
        <translation>Welcome to Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Tiga hal sebelum mulai. Semuanya boleh dilewati dan diatur nanti dari menu Administrasi.</source>
        <translation>Three things before you start. Each can be skipped and set later from the Administration menu.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>1. Workstation ini</source>
        <translation>1. This workstation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Kode workstation:</source>
        <translation>&amp;Workstation code:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>2–6 huruf besar atau angka, berbeda di tiap workstation. Nomor insiden diawali kode ini, mis. %1-2024-00001.</source>
        <translation>2–6 capital letters or digits, different on each workstation. Incident numbers start with this code, e.g. %1-2024-00001.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>2. Hub sinkronisasi</source>
        <translation>2. Sync hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Alamat hub:</source>
        <translation>Hub &amp;address:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Administrator hub:</source>
        <translation>Hub a&amp;dministrator:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Kata &amp;sandi administrator hub:</source>
        <translation>Hub administrator's &amp;password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Uji sambungan</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Alamat layanan sinkronisasi dan akun administrator hub, dari administrator Posko. Kosongkan bila workstation ini bekerja sendiri.</source>
        <translation>The sync service's address and a hub administrator's account, from the desk's administrator. Leave empty if this workstation works on its own.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>3. Hanya mencoba</source>
        <translation>3. Only trying it</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Isi dengan &amp;data contoh (saya hanya mencoba)</source>
        <translation>Fill with &amp;demo data (I am only trying it)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>%1 insiden dan kontak rekaan selama masa kampanye, serta pengguna contoh dengan kata sandi yang ditampilkan sekali. Data contoh tidak pernah dikirim ke hub; jangan dipakai pada workstation yang dipakai bertugas.</source>
        <translation>%1 made-up incidents and contacts over the campaign, and demo users with passwords shown once. Demo data is never sent to a hub; do not use it on a workstation on duty.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>&amp;Lewati</source>
        <translation>S&amp;kip</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Isi alamat hub dahulu.</source>
        <translation>Enter the hub's address first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Menghubungi hub…</source>
        <translation>Contacting the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Terhubung. Hub siap (versi %1).</source>
        <translation>Connected. The hub is ready (version %1).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Hub menjawab, tetapi memakai skema %1 yang berbeda dengan aplikasi ini: samakan versi Desk Pilkada dahulu.</source>
        <translation>The hub answers, but it uses schema %1, which differs from this app's: bring Desk Pilkada to the same version first.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Kode workstation harus 2–6 huruf besar atau angka.</source>
        <translation>The workstation code must be 2–6 capital letters or digits.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Data contoh tidak dapat dipakai bersama hub: kosongkan alamat hub atau hapus centang data contoh.</source>
        <translation>Demo data cannot be used with a hub: clear the hub's address or untick demo data.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Isi nama dan kata sandi administrator hub untuk mendaftar.</source>
        <translation>Enter a hub administrator's name and password to enroll.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Mengisi data contoh…</source>
        <translation>Filling with demo data…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Mendaftarkan workstation ini di hub…</source>
        <translation>Enrolling this workstation with the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Pengguna contoh</source>
        <translation>Demo users</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Pengguna contoh dapat masuk dengan kata sandi berikut. Kata sandi ini hanya ditampilkan sekali ini: catat sekarang.</source>
        <translation>The demo users can sign in with these passwords. They are shown this once only: write them down now.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Kode workstation tidak dapat diubah lagi: sudah ada insiden bernomor atau workstation ini sudah tersinkron.</source>
        <translation>The workstation code can no longer be changed: incidents have been numbered or this workstation has synced.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Gagal menyimpan: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Hub tidak dapat dihubungi (%1). Periksa alamat dan jaringannya, atau lewati langkah ini dan atur nanti.</source>
        <translation>The hub cannot be reached (%1). Check its address and the network, or skip this step and set it later.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/first_start_dialog.py" line="1" />
        <source>Hub tidak dapat dihubungi: %1</source>
        <translation>The hub cannot be reached: %1</translation>
    </message>
</context>
<context>
    <name>WorkstationCodeDialog</name>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>Kode workstation</source>
        <translation>Workstation code</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>&amp;Kode workstation:</source>
        <translation>&amp;Workstation code:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>2–6 huruf besar atau angka, berbeda di tiap workstation. Nomor insiden diawali kode ini. Kode dapat diubah hanya sebelum insiden pertama diberi nomor, sebelum sinkronisasi pertama, dan sebelum terdaftar di hub.</source>
        <translation>2–6 capital letters or digits, different on each workstation. Incident numbers start with this code. It can be changed only before the first incident is numbered, before the first sync and before the enrollment with a hub.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>Kode workstation harus 2–6 huruf besar atau angka.</source>
        <translation>The workstation code must be 2–6 capital letters or digits.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>Kode workstation %1 tidak dapat diubah lagi: sudah ada insiden bernomor, workstation ini sudah tersinkron, atau sudah terdaftar di hub.</source>
        <translation>Workstation code %1 can no longer be changed: incidents have been numbered, this workstation has synced, or it is enrolled with a hub.</translation>
    </message>
</context>
<context>
    <name>WorkstationFeature</name>
    <message>
        <location filename="../../desk_app/ui/workstation_ui.py" line="1" />
        <source>Kode &amp;workstation…</source>
        <translation>&amp;Workstation code…</translation>
    </message>
</context>
<context>
    <name>IncidentActionsFeature</name>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>&amp;Verifikasi insiden…</source>
        <translation>&amp;Verify incident…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>Verifikasi insiden yang ditampilkan, dengan catatan</source>
        <translation>Verify the incident shown, with a note</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>Tambah &amp;tindak lanjut…</source>
        <translation>Add follo&amp;w-up…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>Tambah tindak lanjut pada insiden yang ditampilkan</source>
        <translation>Add a follow-up to the incident shown</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>&amp;Lampirkan berkas…</source>
        <translation>&amp;Attach files…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/incident_actions.py" line="1"/>
        <source>Lampirkan gambar atau PDF pada insiden yang ditampilkan</source>
        <translation>Attach pictures or PDFs to the incident shown</translation>
    </message>
</context>
<context>
    <name>Restart</name>
    <message>
        <source>Mulai ulang gagal</source>
        <translation>Restart failed</translation>
    </message>
    <message>
        <source>Desk Pilkada tidak dapat dimulai ulang. Buka kembali secara manual.</source>
        <translation>Desk Pilkada could not start again. Please open it yourself.</translation>
    </message>
</context>
</TS>