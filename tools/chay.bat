@echo off
rem Chạy một việc của chương trình (report, validate, forms, pdf, lint) cho các tệp .bat ở
rem thư mục chương trình: tìm Python (py -3, rồi python), cài đặt lần đầu, chạy, giữ cửa sổ.
chcp 65001 >nul
setlocal
cd /d "%~dp0.."
set "PYTHONUTF8=1"
set "PY="
py -3 -c "import sys" >nul 2>nul
if not errorlevel 1 set "PY=py -3"
if not defined PY (
  python -c "import sys" >nul 2>nul
  if not errorlevel 1 set "PY=python"
)
if not defined PY (
  echo Chưa tìm thấy Python trên máy này.
  echo Tải Python tại https://www.python.org/downloads/ , khi cài đánh dấu "Add python.exe to PATH",
  echo rồi nhấp đúp lại tệp này. Xem README.md, mục "Trên Windows".
  echo.
  pause
  exit /b 1
)
%PY% -m pipeline.bootstrap %*
set "STATUS=%ERRORLEVEL%"
echo.
if "%STATUS%"=="0" (
  echo Đã xong. Kết quả nằm trong thư mục output.
) else (
  echo Kết thúc với mã %STATUS%: đọc các dòng ở trên để biết cần sửa gì.
)
echo.
pause
exit /b %STATUS%
