<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="42" />
        <source>Tambah pengguna</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="47" />
        <source>mis. budi.santoso</source>
        <translation>e.g. budi.santoso</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="56" />
        <source>&amp;Nama pengguna:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="57" />
        <source>Nama &amp;lengkap:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="58" />
        <source>&amp;Jabatan:</source>
        <translation>&amp;Position:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="59" />
        <source>&amp;Peran:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="66" />
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="67" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminFeature</name>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="50" />
        <source>&amp;Pengguna dan peran…</source>
        <extracomment>How many automatic backups of each kind stay (settings.ini ``backup/keep``). How often the window checks whether today's backup is due.</extracomment>
        <translation>&amp;Users and roles…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="52" />
        <source>Tambah pengguna, ubah peran, nonaktifkan, data pribadi</source>
        <translation>Add users, change roles, disable, personal data</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="56" />
        <source>Log &amp;audit…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="59" />
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="63" />
        <source>&amp;Cadangkan sekarang</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="65" />
        <source>Cadangkan sekarang</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="69" />
        <source>&amp;Pulihkan dari cadangan…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="71" />
        <location filename="../../desk_app/ui/admin_ui.py" line="186" />
        <location filename="../../desk_app/ui/admin_ui.py" line="194" />
        <source>Pulihkan dari cadangan</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="75" />
        <source>&amp;Kunci layar</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="78" />
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="149" />
        <source>Cadangan harian gagal: %1</source>
        <translation>Daily backup failed: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="153" />
        <source>Cadangan harian tersimpan.</source>
        <translation>Daily backup saved.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="160" />
        <source>Simpan cadangan</source>
        <translation>Save backup</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="162" />
        <source>Basis data Desk Pilkada (*.sqlite3)</source>
        <translation>Desk Pilkada database (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="176" />
        <source>Cadangan gagal</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="179" />
        <source>Cadangan tersimpan dan diperiksa: %1</source>
        <translation>Backup saved and verified: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="188" />
        <source>Basis data Desk Pilkada (*.sqlite3 *.db);;Semua berkas (*)</source>
        <translation>Desk Pilkada database (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="196" />
        <source>Basis data saat ini akan diganti dengan cadangan ini. Basis data saat ini disimpan dulu di folder cadangan. Lanjutkan?</source>
        <translation>The current database will be replaced by this backup. The current database is kept in the backups folder first. Continue?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="210" />
        <source>Pemulihan ditolak</source>
        <translation>Restore refused</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="216" />
        <source>Pemulihan gagal</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="233" />
        <source>Pemulihan selesai</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="234" />
        <source>Basis data dipulihkan. Basis data sebelumnya disimpan sebagai %1.</source>
        <translation>The database was restored. The previous database was kept as %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="236" />
        <source>Basis data dipulihkan. Basis data sebelumnya rusak; berkasnya disimpan apa adanya sebagai %1.</source>
        <translation>The database was restored. The previous database was damaged; its file was kept unchanged as %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="208" />
        <source>Cadangan desk lain</source>
        <translation>Another desk's backup</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="263" />
        <source>Workstation baru</source>
        <translation>New workstation</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="264" />
        <source>Desk ini sekarang workstation baru %1 (sebelumnya %2). Sinkron berikutnya mengunduh semua data dari hub dan mengirim ulang yang belum dimiliki hub. Administrator perlu mendaftarkan desk ini lagi di hub (Administrasi → Pengaturan hub).</source>
        <translation>This desk is now a new workstation %1 (formerly %2). The next sync downloads everything from the hub and sends again what the hub lacks. An administrator needs to enroll this desk on the hub again (Administration → Hub settings).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="280" />
        <source>Desk ini sekarang workstation baru %1 (sebelumnya %2): ID situsnya baru, ID lama dicatat sebagai “sebelumnya”.</source>
        <translation>This desk is now a new workstation %1 (formerly %2): it has a new site id, and the old one is kept as “formerly”.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="209" />
        <source>Menunggu sinkronisasi dan pekerjaan lain selesai sebelum memulihkan…</source>
        <translation>Waiting for the sync and other work to finish before restoring…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/admin_ui.py" line="210" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminTexts</name>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="40" />
        <source>Kata sandi minimal %1 karakter.</source>
        <translation>The password needs at least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="43" />
        <source>Terlalu panjang.</source>
        <translation>Too long.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="44" />
        <source>Berisi karakter yang tidak sah.</source>
        <translation>Contains invalid characters.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="47" />
        <source>Nama pengguna: 2–60 huruf kecil, angka, titik, garis bawah atau tanda hubung.</source>
        <translation>User name: 2–60 lower-case letters, digits, dots, underscores or hyphens.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="51" />
        <source>Nama pengguna sudah dipakai.</source>
        <translation>That user name is already taken.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="54" />
        <source>Peran tidak dikenal.</source>
        <translation>Unknown role.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="55" />
        <source>Wajib diisi.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="60" />
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="63" />
        <source>Pengguna ini belum memiliki kata sandi. Minta administrator mengaturnya.</source>
        <translation>This user has no password yet. Ask an administrator to set one.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="66" />
        <source>Pengguna ini dinonaktifkan. Hubungi administrator.</source>
        <translation>This user is disabled. Contact an administrator.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="69" />
        <source>Pengguna tidak ditemukan.</source>
        <translation>User not found.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="70" />
        <source>Peran Anda tidak berwenang untuk tindakan ini.</source>
        <translation>Your role may not do this.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="73" />
        <source>Ini administrator aktif terakhir; tidak ada yang diubah.</source>
        <translation>This is the last active administrator; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="76" />
        <source>Kata sandi administrator sudah diatur.</source>
        <translation>The administrator's password is already set.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="79" />
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="82" />
        <source>Cadangan gagal: %1. Basis data tidak diubah.</source>
        <translation>The backup failed: %1. The database was not changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="85" />
        <source>Pemulihan gagal: %1. Basis data saat ini tidak diubah.</source>
        <translation>The restore failed: %1. The current database was not changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="88" />
        <source>Berkas ini bukan basis data Desk Pilkada.</source>
        <translation>This file is not a Desk Pilkada database.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="91" />
        <source>Berkas ini dibuat oleh versi Desk Pilkada yang lebih baru. Pasang versi terbaru.</source>
        <translation>This file was written by a newer version of Desk Pilkada. Install the newer version.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="95" />
        <source>Disk penuh: tidak ada yang disimpan. Kosongkan ruang lalu coba lagi.</source>
        <translation>The disk is full: nothing was saved. Free some space and try again.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="98" />
        <source>Folder data tidak dapat ditulisi: tidak ada yang disimpan.</source>
        <translation>The data folder cannot be written: nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="101" />
        <source>Basis data tidak dapat ditulisi: %1. Tidak ada yang disimpan.</source>
        <translation>The database cannot be written: %1. Nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="91" />
        <source>Tidak ada cadangan di folder cadangan. Pilih berkas cadangan.</source>
        <translation>There is no backup in the backups folder. Choose a backup file.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="95" />
        <source>Tidak ada cadangan di folder cadangan yang lolos pemeriksaan. Pilih berkas cadangan lain.</source>
        <translation>No backup in the backups folder passes the checks. Choose another backup file.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="170" />
        <source>Membuka basis data…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/app.py" line="149" />
        <source>Membuka basis data: indeks pencarian, {0} dari {1} insiden…</source>
        <translation>Opening the database: search index, {0} of {1} incidents…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="185" />
        <source>Memeriksa kata sandi…</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="70" />
        <source>Riwayat perubahan rekaman</source>
        <translation>Change history of the record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="70" />
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="79" />
        <source>Semua pengguna</source>
        <translation>All users</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="82" />
        <source>Semua tabel</source>
        <translation>All tables</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="95" />
        <source>&amp;Tanggal (WIB):</source>
        <translation>&amp;Dates (WIB):</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="108" />
        <source>Cari id rekaman, kolom atau nilai…</source>
        <translation>Search record id, field or value…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="111" />
        <source>&amp;Terapkan</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="114" />
        <source>&amp;Pengguna:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="116" />
        <source>Ta&amp;bel:</source>
        <translation>Ta&amp;ble:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="139" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="140" />
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="141" />
        <source>Aksi</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="142" />
        <source>Tabel</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="143" />
        <source>Rekaman</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="144" />
        <source>Perubahan (kolom: dari → menjadi)</source>
        <translation>Changes (field: from → to)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="159" />
        <source>Muat &amp;lebih banyak</source>
        <translation>Load &amp;more</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="163" />
        <source>&amp;Ekspor…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="167" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="241" />
        <source>%1 dari %2 entri ditampilkan.</source>
        <translation>%1 of %2 entries shown.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="253" />
        <source>dibuat</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="254" />
        <source>diubah</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="255" />
        <source>dihapus</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="263" />
        <source>Ekspor log audit</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="265" />
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="277" />
        <source>Ekspor gagal</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="278" />
        <source>Berkas tidak dapat ditulis: %1</source>
        <translation>The file cannot be written: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="282" />
        <source>%1 baris diekspor ke %2.</source>
        <translation>%1 rows exported to %2.</translation>
    </message>
    <message>
        <source>diekspor</source>
        <translation>exported</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="256" />
        <source>sistem</source>
        <translation>system</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/audit_viewer.py" line="266" />
        <source>Log audit tidak dapat dibaca: %1</source>
        <translation>The audit log could not be read: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="140" />
        <source>Mulai pertama — Desk Pilkada</source>
        <translation>First start — Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="144" />
        <source>Selamat datang. Tetapkan kata sandi administrator (pengguna &lt;b&gt;admin&lt;/b&gt;) sebelum memakai Desk Pilkada. Minimal %1 karakter; simpan di tempat aman.</source>
        <translation>Welcome. Choose the administrator's password (user &lt;b&gt;admin&lt;/b&gt;) before using Desk Pilkada. At least %1 characters; keep it somewhere safe.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="160" />
        <source>Simpan dan masuk</source>
        <translation>Save and sign in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="161" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="194" />
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="194" />
        <source>Masuk — Desk Pilkada</source>
        <translation>Sign in — Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="198" />
        <source>Layar dikunci karena tidak ada aktivitas. Masukkan kata sandi untuk lanjut.</source>
        <translation>The screen was locked after a period without activity. Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="200" />
        <source>Masuk dengan nama pengguna dan kata sandi Anda.</source>
        <translation>Sign in with your user name and password.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="211" />
        <source>&amp;Nama pengguna:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="212" />
        <source>&amp;Kata sandi:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="221" />
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="221" />
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="223" />
        <source>Keluar aplikasi</source>
        <translation>Quit the application</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="223" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="82" />
        <source>Pengguna dan peran</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="89" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="90" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="91" />
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="92" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="93" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="105" />
        <source>&amp;Tambah…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="106" />
        <source>Ubah &amp;peran…</source>
        <translation>Change &amp;role…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="107" />
        <location filename="../../desk_app/ui/users_dialog.py" line="195" />
        <source>&amp;Nonaktifkan</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="108" />
        <source>Atur ulang &amp;kata sandi…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="120" />
        <source>Data pribadi kontak dan pelapor terlihat oleh</source>
        <translation>Personal data of contacts and reporters is visible to</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="129" />
        <source>Administrator selalu dapat melihat data pribadi.</source>
        <translation>Administrators can always see personal data.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="133" />
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="144" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="162" />
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="162" />
        <source>Nonaktif</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="163" />
        <source>Sudah diatur</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="163" />
        <source>Belum diatur</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="195" />
        <source>&amp;Aktifkan</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="241" />
        <source>Pengguna %1 ditambahkan.</source>
        <translation>User %1 added.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="255" />
        <source>Ubah peran</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="256" />
        <source>Peran %1:</source>
        <translation>Role of %1:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="269" />
        <source>Peran %1 diubah.</source>
        <translation>Role of %1 changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="281" />
        <source>Nonaktifkan pengguna</source>
        <translation>Disable user</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="282" />
        <source>%1 tidak akan dapat masuk di workstation mana pun. Lanjutkan?</source>
        <translation>%1 will not be able to sign in at any workstation. Continue?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="298" />
        <source>%1 diaktifkan.</source>
        <translation>%1 enabled.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="302" />
        <source>%1 dinonaktifkan.</source>
        <translation>%1 disabled.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="310" />
        <source>Atur ulang kata sandi %1</source>
        <translation>Reset the password of %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="334" />
        <source>Kata sandi %1 diatur ulang.</source>
        <translation>Password of %1 reset.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/users_dialog.py" line="343" />
        <source>Pengaturan data pribadi disimpan. Berlaku saat pengguna masuk berikutnya.</source>
        <translation>Personal data setting saved. It applies when users next sign in.</translation>
    </message>
</context>
<context>
    <name>_PasswordPair</name>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="124" />
        <source>Kata sandi &amp;baru:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="125" />
        <source>&amp;Ulangi kata sandi:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../../desk_app/ui/signin_dialog.py" line="204" />
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="68" />
        <source>Basis data tidak dapat dibuka — Desk Pilkada</source>
        <translation>The database cannot be opened — Desk Pilkada</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="72" />
        <source>&lt;b&gt;Basis data Desk Pilkada tidak dapat dibuka.&lt;/b&gt; Berkasnya rusak, terpotong, atau bukan basis data:&lt;br&gt;%1</source>
        <translation>&lt;b&gt;The Desk Pilkada database cannot be opened.&lt;/b&gt; The file is damaged, cut short, or not a database:&lt;br&gt;%1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="85" />
        <source>Pulihkan dari cadangan untuk melanjutkan. Berkas yang rusak tidak dihapus: berkas itu dipindahkan apa adanya (beserta berkas -wal/-shm) ke folder cadangan %1.</source>
        <translation>Restore from a backup to carry on. The damaged file is not deleted: it is moved unchanged (with its -wal/-shm files) to the backups folder %1.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="97" />
        <source>Cadangan terbaru: %1 (%2). Bila cadangan itu tidak lolos pemeriksaan, dipakai cadangan sebelumnya yang lolos.</source>
        <translation>Newest backup: %1 (%2). If it does not pass the checks, the newest earlier one that does is used.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="105" />
        <source>Belum ada cadangan di folder cadangan. Pilih berkas cadangan, misalnya salinan di flashdisk.</source>
        <translation>There is no backup in the backups folder yet. Choose a backup file, for example a copy on a USB stick.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="123" />
        <source>Pulihkan dari cadangan &amp;terbaru</source>
        <translation>Restore the &amp;newest backup</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="127" />
        <source>&amp;Pilih berkas cadangan…</source>
        <translation>&amp;Choose a backup file…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="130" />
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="105" />
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="152" />
        <source>Basis data Desk Pilkada (*.sqlite3 *.db);;Semua berkas (*)</source>
        <translation>Desk Pilkada database (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="186" />
        <source>Pemulihan gagal: %1. Basis data saat ini tidak diubah.</source>
        <translation>The restore failed: %1. The current database was not changed.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="68" />
        <source>Basis data tidak dapat dibuka</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="241" />
        <source>Pemulihan selesai</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="244" />
        <source>Basis data dipulihkan dari %1. Berkas yang rusak disimpan apa adanya di folder cadangan sebagai %2.</source>
        <translation>The database was restored from %1. The damaged file was kept unchanged in the backups folder as %2.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="305" />
        <source>Desk ini menjadi workstation baru dengan ID situs baru. Sinkron berikutnya mengunduh semua data dari hub dan mengirim ulang yang belum dimiliki hub. Administrator perlu mendaftarkan desk ini lagi di hub (Administrasi → Pengaturan hub).</source>
        <translation>This desk becomes a new workstation with a new site id. The next sync downloads everything from the hub and sends again what the hub lacks. An administrator needs to enroll this desk on the hub again (Administration → Hub settings).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="166" />
        <source>Cadangan desk lain</source>
        <translation>Another desk's backup</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="220" />
        <source>Cadangan ini dibuat oleh desk lain (%1), bukan desk ini (%2).

Jika dilanjutkan, desk ini mengambil data desk %1 dan menjadi workstation baru: ID situs baru, ID lama dicatat sebagai “sebelumnya”, dan sinkron berikutnya mengunduh semua data dari hub lalu mengirim ulang yang belum dimiliki hub. Administrator perlu mendaftarkan desk ini lagi di hub. Desk %1 tetap berjalan seperti biasa. Basis data saat ini disimpan dulu di folder cadangan.

Pulihkan cadangan desk lain?</source>
        <translation>This backup was made by another desk (%1), not this one (%2).

If you go on, this desk takes desk %1's data and becomes a new workstation: a new site id, the old id kept as “formerly”, and the next sync downloads everything from the hub, then sends again what the hub lacks. An administrator needs to enroll this desk on the hub again. Desk %1 goes on working as before. The current database is first kept in the backups folder.

Restore the other desk's backup?</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/recovery.py" line="244" />
        <source>Cadangan ini dibuat oleh desk lain (%1), bukan desk ini (%2).

Jika dilanjutkan, desk ini mengambil data desk %1 dan menjadi workstation baru: ID situs baru, ID lama dicatat sebagai “sebelumnya”. Desk %1 tetap berjalan seperti biasa. Basis data saat ini disimpan dulu di folder cadangan.

Pulihkan cadangan desk lain?</source>
        <translation>This backup was made by another desk (%1), not this one (%2).

If you go on, this desk takes desk %1's data and becomes a new workstation: a new site id, the old id kept as “formerly”. Desk %1 goes on working as before. The current database is first kept in the backups folder.

Restore the other desk's backup?</translation>
    </message>
</context>
</TS>