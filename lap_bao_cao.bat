@echo off
rem Lập văn bản từ các tệp Excel trong input vào output.
rem Nhấp đúp để chạy (xem README.md, mục "Trên Windows").
call "%~dp0tools\chay.bat" report %*
