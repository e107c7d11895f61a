<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="409"/>
        <source>Konflik sinkronisasi</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="413"/>
        <source>Dua workstation mengubah kolom yang sama. Nilai pemenang sedang dipakai; nilai lain disimpan di sini. Pilih yang dipertahankan.</source>
        <translation>Two workstations changed the same field. The winning value is in use; the other value is kept here. Choose which one to keep.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="422"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="423"/>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="424"/>
        <source>Nilai pemenang</source>
        <translation>Winning value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="425"/>
        <location filename="../../desk_app/ui/sync_ui.py" line="427"/>
        <source>Oleh / kapan</source>
        <translation>By / when</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="426"/>
        <source>Nilai lain</source>
        <translation>Other value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="435"/>
        <source>&amp;Pertahankan pemenang</source>
        <translation>&amp;Keep the winner</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="437"/>
        <source>Pulihkan &amp;nilai lain</source>
        <translation>Restore the &amp;other value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="473"/>
        <source>(dihapus)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="489"/>
        <source>Tidak ada konflik.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="575" />
        <source>Konflik tidak dapat dibaca: %1</source>
        <translation>The conflicts could not be read: %1</translation>
    </message>
</context>
<context>
    <name>HubPasswordDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="577"/>
        <source>Masuk ke hub</source>
        <translation>Sign in to the hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="580"/>
        <source>Anda masuk saat hub tidak terhubung. Ketik kata sandi %1 sekali lagi agar perubahan Anda dapat dikirim ke hub.</source>
        <translation>You signed in while the hub could not be reached. Type the password of %1 once more so that your changes can be sent to the hub.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="591"/>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="592"/>
        <source>Nanti</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>HubSettingsDialog</name>
    <message>
        <source>&amp;Simpan dan daftarkan</source>
        <translation>&amp;Save and enroll</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="610"/>
        <source>Pengaturan hub</source>
        <translation>Hub settings</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="618"/>
        <source> detik</source>
        <translation> seconds</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="623"/>
        <source>&amp;Uji koneksi</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="631"/>
        <source>Alamat layanan sinkronisasi dari administrator (https://…). Menyimpan mendaftarkan workstation ini di hub dengan kata sandi Anda; kredensialnya disimpan di keyring sistem, bukan di berkas.</source>
        <translation>The sync service's address from your administrator (https://…). Saving enrolls this workstation with the hub using your password; its credential is kept in the system keyring, not in a file.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="638"/>
        <source>Alamat hub</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="639"/>
        <source>Kata sandi Anda</source>
        <translation>Your password</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="671"/>
        <source>Terhubung. Hub siap (versi %1).</source>
        <translation>Connected. The hub is ready (version %1).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="710"/>
        <source>Mendaftarkan workstation di hub…</source>
        <translation>Enrolling this workstation with the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="640"/>
        <source>Sinkron otomatis tiap</source>
        <translation>Sync automatically every</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="655"/>
        <source>Menghubungi hub…</source>
        <translation>Contacting the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="675"/>
        <source>Terhubung, tetapi skema hub %1 berbeda dengan aplikasi ini.</source>
        <translation>Connected, but the hub&apos;s schema %1 differs from this app&apos;s.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="683"/>
        <source>Hub tidak dapat dihubungi: %1</source>
        <translation>The hub cannot be reached: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="688"/>
        <location filename="../../desk_app/ui/sync_ui.py" line="730"/>
        <source>Gagal: %1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>RefusalsDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="515"/>
        <source>Ditolak hub</source>
        <translation>Refused by the hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="520"/>
        <source>Kapan</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="521"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="522"/>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="523"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="524"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="534"/>
        <source>Data ini dikembalikan ke isi hub. Nilai yang ditolak tetap tersimpan di workstation ini.</source>
        <translation>These records were put back to the hub's values. The refused values are kept on this workstation.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="541"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="277"/>
        <source>Kata sandi tidak diterima hub; coba lagi saat sinkron.</source>
        <extracomment>Waits after a failed attempt: 5 s, 10 s, 20 s, ... up to five minutes. The first sync (or, without a hub, the first count of unsent changes) this long after the start: the window and its first tab come first. A clock further off than this is mentioned in the status bar. A local change is sent after this quiet pause (several quick edits make one sync). ``state`` is &quot;none&quot; (no hub), &quot;syncing&quot;, &quot;ok&quot;, &quot;offline&quot; or &quot;refused&quot;. From the last sync: changes the hub refused, people whose changes wait for their sign-in to the service, and how far this computer&apos;s clock is off.</extracomment>
        <translation>The hub did not accept the password; try again at the next sync.</translation>
    </message>
    <message>
        <source>Tidak dapat sinkron: workstation ini belum terhubung ke hub. Administrator menghubungkannya di Administrasi › Pengaturan hub.</source>
        <translation>Cannot sync: this workstation is not connected to a hub. An administrator connects it under Administration › Hub settings.</translation>
    </message>
</context>
<context>
    <name>SyncFeature</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="746"/>
        <source>&amp;Sinkronkan sekarang</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="749"/>
        <source>Kirim dan terima perubahan dari hub</source>
        <translation>Send and receive changes from the hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="752"/>
        <source>&amp;Konflik sinkronisasi…</source>
        <translation>Sync &amp;conflicts…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="755"/>
        <source>&amp;Ditolak hub…</source>
        <translation>&amp;Refused by the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="758"/>
        <source>Pengaturan &amp;hub…</source>
        <translation>&amp;Hub settings…</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="339"/>
        <source>Menyinkronkan…</source>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="341"/>
        <source>Offline — %n perubahan menunggu</source>
        <translation>
            <numerusform>Offline — %n change waiting</numerusform>
            <numerusform>Offline — %n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="356"/>
        <source>Sinkron terhenti — %1 baris yang diterima tetap tersimpan</source>
        <translation>Sync stopped — the %1 rows received are kept</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="343"/>
        <source>Sinkron ditolak</source>
        <translation>Sync refused</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="350"/>
        <source>Tersinkron %1</source>
        <translation>Synced %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="352"/>
        <location filename="../../desk_app/ui/sync_ui.py" line="356"/>
        <source>%n perubahan menunggu</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="355"/>
        <source>Tanpa hub</source>
        <translation>No hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="364"/>
        <source>menunggu masuk ke hub: %1</source>
        <translation>waiting for a sign-in to the hub: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="368"/>
        <source>jam komputer selisih %n menit dari hub</source>
        <translation>
            <numerusform>this computer's clock is %n minute off the hub's</numerusform>
            <numerusform>this computer's clock is %n minutes off the hub's</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="374"/>
        <source>Hub: %1</source>
        <translation>Hub: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="379"/>
        <source>Versi perubahan memakai jam hub. Minta administrator memperbaiki jam komputer.</source>
        <translation>Changes are versioned with the hub's clock. Ask an administrator to set this computer's clock.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="383"/>
        <source>%n perubahan ditolak hub</source>
        <translation>
            <numerusform>%n change refused by the hub</numerusform>
            <numerusform>%n changes refused by the hub</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="385"/>
        <source>%n konflik perlu ditinjau</source>
        <translation>
            <numerusform>%n conflict to review</numerusform>
            <numerusform>%n conflicts to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueNames</name>
    <message>
        <source>(dihapus)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Insiden</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Perubahan status insiden</source>
        <translation>Incident status change</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Tindak lanjut</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Lampiran insiden</source>
        <translation>Incident attachment</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Kontak</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Catatan keterlibatan</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Perubahan tingkat siaga</source>
        <translation>Alert level change</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Istilah daftar pilihan</source>
        <translation>List term</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Pengaturan</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Tahapan pilkada</source>
        <translation>Election schedule</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Laporan situasi</source>
        <translation>Situation report</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Pembatalan laporan situasi</source>
        <translation>Situation report withdrawal</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Akun pengguna</source>
        <translation>User account</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/value_names.py" line="84" />
        <source>Konflik sinkronisasi</source>
        <translation>Sync conflict</translation>
    </message>
</context>
</TS>
