; Inno Setup script for the Windows installer (run after PyInstaller: dist\fivemgmt\).
[Setup]
AppName=五项管理台账
AppVersion=0.1.0
AppPublisher=fivemgmt
DefaultDirName={autopf}\fivemgmt
DefaultGroupName=五项管理台账
OutputBaseFilename=fivemgmt-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\fivemgmt\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\五项管理台账"; Filename: "{app}\fivemgmt.exe"
Name: "{autodesktop}\五项管理台账"; Filename: "{app}\fivemgmt.exe"

[Run]
Filename: "{app}\fivemgmt.exe"; Description: "启动五项管理台账"; Flags: postinstall nowait
