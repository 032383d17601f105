; The Windows installer of nianbao (NSIS 3, built by scripts/build-windows.sh):
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=path\nianbao.exe -DOUT=setup.exe nianbao.nsi
;
; Installs for the current user only, without administrator rights (government PCs rarely
; grant them): the program in %LOCALAPPDATA%\Programs\nianbao, the Start menu entry
; 政府信息公开年报, an optional desktop shortcut, and .nianbao drafts opening in the app with
; its icon. `setup.exe /S` installs silently (for IT departments that push software),
; `uninstall.exe /S` removes silently. The uninstaller never touches the user's drafts nor
; the settings and recovery copies in %APPDATA%\nianbao.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef EXE
  !error "pass -DEXE=path of nianbao.exe"
!endif
!ifndef OUT
  !define OUT "nianbao-setup-${VERSION}.exe"
!endif
!define APP "政府信息公开年报"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"
!define PROGID "nianbao.draft"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\nianbao"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "..\..\assets\icons\nianbao.ico"
!define MUI_UNICON "..\..\assets\icons\nianbao.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${APP}"

!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; Explorer re-reads file associations.
!macro NotifyShell
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

Section "${APP}（必需）" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=nianbao.exe" "${EXE}"
  File "/oname=README.md" "..\..\README.md"
  File "/oname=OFL-fonts.txt" "..\..\assets\fonts\OFL.txt"
  ; The OCR model for scanned reports, found by nianbao.exe in ocr\ beside it.
  SetOutPath "$INSTDIR\ocr"
  File "/oname=ch_PP-OCRv4_rec.onnx" "..\..\assets\ocr\ch_PP-OCRv4_rec.onnx"
  File "/oname=README.md" "..\..\assets\ocr\README.md"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "起草、校验、打印政府信息公开工作年度报告"

  ; .nianbao drafts: per user, under HKCU\Software\Classes (no administrator rights).
  WriteRegStr HKCU "Software\Classes\.nianbao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.nianbao" "Content Type" "application/x-nianbao"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政府信息公开年报草稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\nianbao.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'

  ; 程序和功能 / 应用和功能 entry.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "nianbao developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\nianbao.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
  !insertmacro NotifyShell
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\OFL-fonts.txt"
  Delete "$INSTDIR\ocr\ch_PP-OCRv4_rec.onnx"
  Delete "$INSTDIR\ocr\README.md"
  RMDir "$INSTDIR\ocr"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if empty: whatever the user saved there stays.
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"

  ; The association, unless another program has taken .nianbao since.
  ReadRegStr $0 HKCU "Software\Classes\.nianbao" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.nianbao"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  !insertmacro NotifyShell
SectionEnd
