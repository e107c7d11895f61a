; Inno Setup 6 definition of the Desk Pilkada setup program for the desk's Windows PCs.
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\DeskPilkada.iss
;
; Packs the folder that `pyinstaller packaging\desk-app.spec` builds (dist\DeskPilkada\)
; into dist\DeskPilkada-<version>-setup.exe. One install per machine, under Program Files,
; with a Start-menu entry. Each Windows user's data stays where the app keeps it,
; %LOCALAPPDATA%\PemprovJateng\DeskPilkada\ (or DESK_DATA_DIR): the installer never writes
; there, and uninstalling removes only the program's folder, never the data.
; Built by .github/workflows/windows.yml; see docs/install-windows.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\DeskPilkada"
#endif

[Setup]
; The same AppId for every version, so that a new version installs over the old one.
AppId={{D9356FBD-D862-5C18-9846-5A23D9583276}
AppName=Desk Pilkada
AppVersion={#AppVersion}
AppVerName=Desk Pilkada {#AppVersion}
AppPublisher=Biro Pemerintahan, Otonomi dan Kerja Sama, Setda Provinsi Jawa Tengah
DefaultDirName={autopf}\Desk Pilkada
DefaultGroupName=Desk Pilkada
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=DeskPilkada-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\DeskPilkada.exe
UninstallDisplayName=Desk Pilkada {#AppVersion}
CloseApplications=yes

[Languages]
; Inno Setup ships no Indonesian catalogue; the wizard speaks English.
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole folder: DeskPilkada.exe (the window), desk-app.exe (the command line), _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Desk Pilkada"; Filename: "{app}\DeskPilkada.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,Desk Pilkada}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Desk Pilkada"; Filename: "{app}\DeskPilkada.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\DeskPilkada.exe"; Description: "{cm:LaunchProgram,Desk Pilkada}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes what [Files] installed and nothing
; else, so the data under %LOCALAPPDATA% survives an uninstall or a reinstall.
