; Inno Setup script for 巡河助手 River Patrol (issue 17): installs the one-folder bundle build\dist\patrol-app
; (make bundle, or the Windows workflow) for the current user only — no administrator, no UAC prompt —
; into %LOCALAPPDATA%\Programs\RiverPatrol, with Start-menu (and desktop) shortcuts, in Chinese or English.
;
;   ISCC /DAppVersion=0.1.0 build\installer.iss        -> build\dist\installer\patrol-app-0.1.0-setup.exe
;
; The version comes from pyproject.toml (python build/bundle_meta.py version), passed by the workflow.
; The user's data is never in the install folder: it lives in %LOCALAPPDATA%\RiverPatrol\PatrolApp
; (patrol_app/paths.py), so an upgrade and an uninstall leave it as it is (see [UninstallDelete]).
; Saved as UTF-8 with a byte-order mark, which is how Inno Setup 6 knows to read the Chinese in it.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 build\installer.iss (python build/bundle_meta.py version)
#endif
; Windows' file version wants numbers only: 0.2.0rc1 is given as /DAppVersionNumeric=0.2.0
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#define AppExe "patrol-app.exe"
#define Bundle "dist\patrol-app"

; Simplified Chinese messages: shipped with Inno Setup from 6.5 on (Languages\ChineseSimplified.isl);
; an older compiler finds them beside this script if someone puts the translation there.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #error No Simplified Chinese messages: use Inno Setup 6.5 or later (choco install innosetup)
#endif

[Setup]
; Fixed for good: the same AppId makes a new version install over the old one.
AppId={{6F1C2B7E-4A9D-4C3E-9B0A-7D5E2F8C1A36}
AppName=巡河助手 River Patrol
AppVersion={#AppVersion}
AppVerName=巡河助手 River Patrol {#AppVersion}
AppPublisher=River Patrol project
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName=巡河助手 River Patrol
VersionInfoDescription=巡河助手 River Patrol setup
; Per user: {localappdata}\Programs, as Windows' own per-user installs do; nothing needs an administrator.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\RiverPatrol
DisableDirPage=auto
DefaultGroupName=巡河助手
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\resources\icons\patrol-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=巡河助手 River Patrol
OutputDir=dist\installer
OutputBaseFilename=patrol-app-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open window is asked to close (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppTitle=巡河助手
english.AppTitle=River Patrol
chinesesimplified.DataKept=卸载不会删除您的巡河数据（%LOCALAPPDATA%\RiverPatrol）。需要时可以手动删除该文件夹。
english.DataKept=Uninstalling keeps your patrol data (%LOCALAPPDATA%\RiverPatrol). Delete that folder yourself if you no longer need it.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's libraries go before this one's are copied: a module left over from an older
; bundle could otherwise be imported in place of a removed or renamed one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "巡河助手 River Patrol"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,巡河助手 River Patrol}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app} is removed. The data folder (%LOCALAPPDATA%\RiverPatrol\PatrolApp:
; database, photo library, backups, the device token) and the office token in Windows' Credential Manager
; are deliberately not listed here: a chief who uninstalls to reinstall, or by mistake, loses nothing.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKept'), mbInformation, MB_OK);
end;
