@echo off
rem Lập biểu mẫu Excel cho từng đơn vị vào output\bieu_mau (hỏi kỳ báo cáo).
rem Nhấp đúp để chạy (xem README.md, mục "Trên Windows").
call "%~dp0tools\chay.bat" forms %*
