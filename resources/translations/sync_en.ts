<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="285"/>
        <source>Konflik sinkronisasi</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="289"/>
        <source>Dua workstation mengubah kolom yang sama. Nilai pemenang sedang dipakai; nilai lain disimpan di sini. Pilih yang dipertahankan.</source>
        <translation>Two workstations changed the same field. The winning value is in use; the other value is kept here. Choose which one to keep.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="298"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="299"/>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="300"/>
        <source>Nilai pemenang</source>
        <translation>Winning value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="301"/>
        <location filename="../../desk_app/ui/sync_ui.py" line="303"/>
        <source>Oleh / kapan</source>
        <translation>By / when</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="302"/>
        <source>Nilai lain</source>
        <translation>Other value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="311"/>
        <source>&amp;Pertahankan pemenang</source>
        <translation>&amp;Keep the winner</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="313"/>
        <source>Pulihkan &amp;nilai lain</source>
        <translation>Restore the &amp;other value</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="349"/>
        <source>(dihapus)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="365"/>
        <source>Tidak ada konflik.</source>
        <translation>No conflicts.</translation>
    </message>
</context>
<context>
    <name>HubSettingsDialog</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="389"/>
        <source>Pengaturan hub</source>
        <translation>Hub settings</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="397"/>
        <source> detik</source>
        <translation> seconds</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="399"/>
        <source>&amp;Uji koneksi</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="407"/>
        <source>Kata sandi dalam URL disimpan di keyring sistem, bukan di berkas. TLS: tambahkan ?sslmode=verify-full. Hub berkas: sqlite:///C:/hub/desk.sqlite3</source>
        <translation>A password in the URL is kept in the system keyring, never in a file. TLS: add ?sslmode=verify-full. File hub: sqlite:///C:/hub/desk.sqlite3</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="413"/>
        <source>URL hub</source>
        <translation>Hub URL</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="414"/>
        <source>Sinkron otomatis tiap</source>
        <translation>Sync automatically every</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="429"/>
        <source>Menghubungi hub…</source>
        <translation>Contacting the hub…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="443"/>
        <source>Terhubung. Hub siap (%1 perubahan).</source>
        <translation>Connected. The hub is ready (%1 changes).</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="447"/>
        <source>Terhubung, tetapi skema hub %1 berbeda dengan aplikasi ini.</source>
        <translation>Connected, but the hub&apos;s schema %1 differs from this app&apos;s.</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="455"/>
        <source>Hub tidak dapat dihubungi: %1</source>
        <translation>The hub cannot be reached: %1</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="460"/>
        <source>Gagal: %1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>SyncFeature</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="486"/>
        <source>&amp;Sinkronkan sekarang</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="489"/>
        <source>Kirim dan terima perubahan dari hub</source>
        <translation>Send and receive changes from the hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="492"/>
        <source>&amp;Konflik sinkronisasi…</source>
        <translation>Sync &amp;conflicts…</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="495"/>
        <source>Pengaturan &amp;hub…</source>
        <translation>&amp;Hub settings…</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="239"/>
        <source>Menyinkronkan…</source>
        <extracomment>Waits after a failed attempt: 5 s, 10 s, 20 s, ... up to five minutes. A local change is sent after this quiet pause (several quick edits make one sync). ``state`` is &quot;none&quot; (no hub), &quot;syncing&quot;, &quot;ok&quot;, &quot;offline&quot; or &quot;refused&quot;.</extracomment>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="241"/>
        <source>Offline — %n perubahan menunggu</source>
        <translation>
            <numerusform>Offline — %n change waiting</numerusform>
            <numerusform>Offline — %n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="243"/>
        <source>Sinkron ditolak</source>
        <translation>Sync refused</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="245"/>
        <source>Tersinkron %1</source>
        <translation>Synced %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="247"/>
        <location filename="../../desk_app/ui/sync_ui.py" line="251"/>
        <source>%n perubahan menunggu</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="250"/>
        <source>Tanpa hub</source>
        <translation>No hub</translation>
    </message>
    <message>
        <location filename="../../desk_app/ui/sync_ui.py" line="256"/>
        <source>Hub: %1</source>
        <translation>Hub: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk_app/ui/sync_ui.py" line="261"/>
        <source>%n konflik perlu ditinjau</source>
        <translation>
            <numerusform>%n conflict to review</numerusform>
            <numerusform>%n conflicts to review</numerusform>
        </translation>
    </message>
</context>
</TS>
