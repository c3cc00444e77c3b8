# The two set-up commands are `make build` and `make test`; everything else is for editors and developers.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks
# The build's only clock: noon (China time) today, unless given. Pages say what is upcoming or past
# on that day, and two builds of one commit on one day are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell $(PYTHON) -c "import time; print(int(time.time() + 8*3600) // 86400 * 86400 + 4*3600)")
SITE_URL = $(shell sed -n 's/^site_url: *//p' mkdocs.yml)

.PHONY: build test bench serve check schemas new-activity new-report import export linkcheck publish lock clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# One build at a time, into a folder of its own, swapped with site/ in one step only when the whole
# build passed: a data mistake never leaves a broken or half-written site/, nor a moment without one.
build: $(VENV)/.installed
	$(BIN)/python -m campaign.ops.build site $(BIN)/mkdocs build --strict
	@echo "网站已生成：site/"

# Every internal link and #anchor of the built site, raw HTML included; external links are only listed.
linkcheck: build
	$(BIN)/python -m campaign.ops.linkcheck site "$(SITE_URL)"

# Copy the checked site into a new release next to DEST and switch DEST (a symlink) to it atomically.
# Without DEST, say so before building anything.
ifneq ($(filter publish,$(MAKECMDGOALS)),)
ifeq ($(DEST),)
$(error 请指定发布目录：make publish DEST=/srv/www/site（网站服务器指向的路径）)
endif
endif
publish: linkcheck
	$(BIN)/python -m campaign.ops.publish site "$(DEST)"

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# Benchmarks (bench/README.md): synthetic campaigns S, M, L against plain Material, the photo pipeline
# against the cheapest Pillow code, and live preview. make bench SIZES="S M" for a shorter run.
bench: $(VENV)/.installed
	$(BIN)/python bench/build.py $(if $(SIZES),--sizes $(SIZES))
	$(BIN)/python bench/images.py
	$(BIN)/python bench/serve.py

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload

check: $(VENV)/.installed
	$(BIN)/python -m campaign check $(or $(CAMPAIGN_DATA),data)

# Add one activity to the right file: asks for each field, or takes them all:
# make new-activity ARGS='--domain healthcare --title 健康讲座 --when 10月份 --where 卫生院 --organiser 山头卫生院'
new-activity: $(VENV)/.installed
	$(BIN)/python -m campaign new-activity $(or $(CAMPAIGN_DATA),data) $(ARGS)

# Write an activity's closing report (回顾) into data/reports/: asks for each field, or takes them all:
# make new-report ARGS='--activity campus-open-day --held 2021-09-24 --summary … --photo "路径|画面描述"'
new-report: $(VENV)/.installed
	$(BIN)/python -m campaign new-report $(or $(CAMPAIGN_DATA),data) $(ARGS)

# Import the office's 配档表 (.docx, .xlsx, .xls, .et, .ods): make import FILE=配档表.docx [OUT=folder] [FORCE=1]
# [KEEP_NAMES=1]; a workbook from make export, reviewed and edited, updates the entries its 编号 column names.
import: $(VENV)/.installed
	$(if $(FILE),,$(error 请指定配档表：make import FILE=配档表.docx（Word、Excel 或 WPS 文件）))
	$(BIN)/python -m campaign import "$(FILE)" --out $(or $(OUT),$(CAMPAIGN_DATA),data) \
		$(if $(FORCE),--force) $(if $(KEEP_NAMES),--keep-names)

# The campaign as a 配档表 for review and approval: export/配档表.xlsx and export/配档表.docx [OUT=path/stem]
export: $(VENV)/.installed
	$(BIN)/python -m campaign export $(or $(CAMPAIGN_DATA),data) --out $(or $(OUT),export/配档表)

# The JSON Schema of each kind of data file, for editors' YAML plugins; regenerate after changing models.py.
schemas: $(VENV)/.installed
	$(BIN)/python -m campaign schemas schemas

# Re-pin requirements.txt from requirements.in (developers only).
lock:
	$(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet pip-tools
	.lockenv/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in
	rm -rf .lockenv

clean:
	rm -rf site .site.new-* .site.lock .pytest_cache
