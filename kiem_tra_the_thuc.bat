@echo off
rem Kiểm tra thể thức Nghị định 30 của văn bản trong output và mẫu trong templates.
rem Nhấp đúp để chạy (xem README.md, mục "Trên Windows").
call "%~dp0tools\chay.bat" lint %*
