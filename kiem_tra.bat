@echo off
rem Chỉ kiểm tra các tệp trong input; ghi tệp kết quả kiểm tra và thông báo cho đơn vị.
rem Nhấp đúp để chạy (xem README.md, mục "Trên Windows").
call "%~dp0tools\chay.bat" validate %*
