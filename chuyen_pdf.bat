@echo off
rem Chuyển văn bản trong output sang PDF vào output\pdf (cần LibreOffice).
rem Nhấp đúp để chạy (xem README.md, mục "Trên Windows").
call "%~dp0tools\chay.bat" pdf %*
