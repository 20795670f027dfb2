# Báo cáo phong trào thi đua — các lệnh thường dùng. Gõ `make help` để xem.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
YEAR    ?=
YEARARG := $(if $(YEAR),--year $(YEAR))
PERIOD  ?= canam
PYTHON  := $(BIN)/python
BENCH   ?=

.DEFAULT_GOAL := help
.PHONY: help report validate test lint pdf forms samples templates bench clean

help: ## Liệt kê các lệnh
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

report: $(STAMP) ## Lập văn bản từ các tệp trong input/ vào output/ (năm: mới nhất trong config/, hoặc YEAR=2025)
	$(PYTHON) -m pipeline report $(YEARARG)

validate: $(STAMP) ## Chỉ kiểm tra các tệp trong input/: in lỗi, ghi tệp kết quả kiểm tra, không lập văn bản
	$(PYTHON) -m pipeline validate $(YEARARG)

test: $(STAMP) ## Chạy toàn bộ kiểm thử
	$(BIN)/ruff check pipeline tests tools
	$(PYTHON) -m pytest

DOCS     = $(filter-out output/~$$%,$(wildcard output/*.docx))

lint: $(STAMP) ## Kiểm tra thể thức Nghị định 30 của văn bản trong output/ và mẫu trong templates/
	@test -z "$(DOCS)" || $(PYTHON) -m pipeline lint --generated $(DOCS)
	$(PYTHON) -m pipeline lint --template $(wildcard templates/*.docx)

pdf: $(STAMP) ## Chuyển văn bản trong output/ sang PDF vào output/pdf/ (cần LibreOffice)
	@test -n "$(DOCS)" || { echo "Chưa có văn bản trong output/: chạy make report trước."; exit 1; }
	$(PYTHON) -m pipeline pdf --output output/pdf $(DOCS)

forms: $(STAMP) ## Lập biểu mẫu cho từng đơn vị (PERIOD=quy1|6thang|9thang|canam) vào output/bieu_mau/
	$(PYTHON) -m pipeline forms --period $(PERIOD) $(YEARARG)

samples: $(STAMP) ## Lập lại dữ liệu mẫu trong input/ (DỮ LIỆU MẪU, không phải số liệu thật)
	$(PYTHON) -m pipeline samples $(YEARARG)

# For maintainers only (not in `make help`): writes the templates missing from templates/,
# never overwrites one (the templates are the clerk's, edited in Word).
templates: $(STAMP)
	$(PYTHON) tools/build_templates.py

bench: $(STAMP) ## (kỹ thuật) Đo tốc độ với 300 và 3.000 đơn vị so với mức sàn (BENCH=--linearity: 1.000 và 10.000)
	$(PYTHON) -m pipeline.bench $(BENCH)

clean: ## Xóa output/ (giữ lại input/, mẫu và các bản đã sửa tay .ban-sua-*)
	find output -mindepth 1 \( -type f -o -type l \) ! -name .gitkeep ! -name '*.ban-sua-*' -delete
	find output -mindepth 1 -depth -type d -empty -delete
