#!/usr/bin/env python3
"""Writes the table-driven grammar cases of tests/fixtures/grammar/ (tests/grammar.rs reads them).

Each case is an expression of a kind of the number and time grammar, written here from the rules
of the language, with its reading computed here independently of the extractor: the value, unit
and comparator of a number, the deadline and period start of a time. The files are committed;
run this script again only to change the cases (`python3 scripts/grammar-cases.py`).
"""
import calendar
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "grammar")
DIGITS = "零一二三四五六七八九"
DAXIE = "零壹贰叁肆伍陆柒捌玖"
PLACES = ["", "十", "百", "千"]
DAXIE_PLACES = ["", "拾", "佰", "仟"]


def section(n, digits, places, liang):
    """A number below 10000 in characters (一千零五, 三百二十)."""
    out, zero = "", False
    s = str(n)
    for i, ch in enumerate(s):
        d, p = int(ch), len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out += digits[0]
        zero = False
        word = digits[d]
        if liang and d == 2 and p >= 2:
            word = "两"
        out += word + places[p]
    return out


def chinese(n, daxie=False, liang=False):
    """n in Chinese numerals: 十五 (not 一十五), 一万零五百, 三亿二千万."""
    digits, places = (DAXIE, DAXIE_PLACES) if daxie else (DIGITS, PLACES)
    wan, yi = ("万", "亿")
    if n == 0:
        return digits[0]
    parts = []
    for unit, size in ((yi, 10**8), (wan, 10**4), ("", 1)):
        q, n = divmod(n, size)
        if q:
            if parts and q < 1000:
                parts.append(digits[0])
            parts.append(section(q, digits, places, liang) + unit)
        elif parts and n:
            pass
    s = "".join(parts)
    if not daxie and s.startswith("一十"):
        s = s[1:]
    # a zero written twice collapses
    while digits[0] * 2 in s:
        s = s.replace(digits[0] * 2, digits[0])
    return s


def num(x):
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def write(name, what, template, columns, rows, issued="2024-03-01", records=None):
    path = os.path.join(OUT, name + ".tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {what}\n")
        f.write(f"# issued: {issued}\n")
        if records:
            f.write(f"# records: {records}\n")
        f.write(f"# template: {template}\n")
        f.write(f"# columns: expression\t{chr(9).join(columns)}\n")
        seen = set()
        for r in rows:
            if r[0] in seen:
                continue
            seen.add(r[0])
            f.write("\t".join(str(c) for c in r) + "\n")
    print(path, len(seen))


rng = random.Random(17)
COLS = ["value", "value_max", "unit", "comparator"]

# Numerals in characters before a measure word.
rows = []
for n in list(range(1, 100)) + [rng.randrange(100, 10**4) for _ in range(60)] + [
        rng.randrange(10**4, 10**8) for _ in range(30)]:
    rows.append((chinese(n) + "张", n, "-", "张", "="))
for n in [2, 20, 200, 2000, 2200, 22000, 20000, 200000, 2000000]:
    rows.append((chinese(n, liang=True) + "张", n, "-", "张", "="))
for n in [rng.randrange(2, 10**5) for _ in range(30)] + [300, 3000, 111, 1200]:
    rows.append((chinese(n, daxie=True) + "张", n, "-", "张", "="))
rows.append(("參佰张", 300, "-", "张", "="))
rows.append(("叁拾參张", 33, "-", "张", "="))
write("numerals", "numerals in characters (一张, 十五张, 三千零五张, 两万张, 大写 壹仟贰佰张)",
      "到2030年，全市新增养老床位{X}。", COLS, rows)

# One-char numerals with a measure word that also names kinds (个, 项, 次).
rows = []
for n in range(2, 11):
    c = chinese(n)
    rows.append((c + "个", n, "-", "个", "="))
    rows.append(("不少于" + c + "个", n, "-", "个", ">="))
    rows.append(("达到" + c + "个", n, "-", "个", ">="))
    rows.append((c + "个以上", n, "-", "个", ">="))
rows.append(("至少一个", 1, "-", "个", ">="))
write("measure-words", "a one-char numeral with 个 closing its clause or after a comparator word (中心十个, 达到三个)",
      "到2030年，全市建成社区养老服务中心{X}。", COLS, rows)

# Mixed digits and numeral places.
rows = []
for _ in range(40):
    w = rng.randrange(1, 100)
    low = rng.randrange(1, 10**4)
    rows.append((f"{w}万{low}张" if low >= 1000 else f"{w}万零{low}张", w * 10**4 + low, "-", "张", "="))
for _ in range(20):
    w, k, b = rng.randrange(1, 100), rng.randrange(1, 10), rng.randrange(1, 10)
    rows.append((f"{w}万{k}千{b}百张", w * 10**4 + k * 1000 + b * 100, "-", "张", "="))
    rows.append((f"{w}万{k}千张", w * 10**4 + k * 1000, "-", "张", "="))
for w, d in [(2, 5), (1, 2), (3, 8)]:
    rows.append((f"{w}万{d}张", w * 10**4 + d * 1000, "-", "张", "="))
rows.append(("6万3千余张", 63000, "-", "张", "~"))
rows.append(("3万4000多张", 34000, "-", "张", "~"))
write("mixed", "digits with numeral places (3万4000张, 25万6千张, 5万4千6百张, 1万零600张, 2万5张 = 25000)",
      "到2030年，全市新增养老床位{X}。", COLS, rows)

# Approximations.
rows = []
for n in [10, 20, 30, 50, 100, 200, 230, 1000, 5000]:
    for mark in "多余":
        for mag, f in (("万", 10**4), ("", 1)):
            rows.append((chinese(n) + mark + mag + "张", n * f, "-", "张", "~"))
            rows.append((f"{n}{mark}{mag}张", n * f, "-", "张", "~"))
for n in [3, 5, 12]:
    rows.append((f"{n}万多张", n * 10**4, "-", "张", "~"))
    rows.append((f"{n}万余张", n * 10**4, "-", "张", "~"))
    rows.append((f"{n}万张左右", n * 10**4, "-", "张", "~"))
    rows.append((f"约{n}万张", n * 10**4, "-", "张", "~"))
write("approximations", "approximations (十多万张, 一千多万张, 二百三十余万张, 10余万张, 3万张左右)",
      "到2030年，全市新增养老床位{X}。", COLS, rows)

# Comparators, with a particle or a word between them and the number.
rows = []
for n in [3, 20, 80, 500, 1200]:
    c = chinese(n)
    for word, cmp_ in (("超过了", ">"), ("至少是", ">="), ("最多为", "<="), ("过", ">"), ("超过", ">"),
                       ("不少于", ">="), ("不超过", "<="), ("不低于", ">="), ("达到了", ">="),
                       ("达到", ">="), ("控制在", "<="), ("最少", ">="), ("至多", "<=")):
        rows.append((f"{word}{n}张", n, "-", "张", cmp_))
        rows.append((f"{word}{c}张", n, "-", "张", cmp_))
    for word, cmp_ in (("以上", ">="), ("以下", "<="), ("以内", "<="), ("左右", "~")):
        rows.append((f"{n}张{word}", n, "-", "张", cmp_))
        rows.append((f"{c}张{word}", n, "-", "张", cmp_))
write("comparators", "comparator words, with a particle or word between them and the number (超过了80张, 至少是3张, 过20张)",
      "到2030年，全市新增养老床位{X}。", COLS, rows)

# Ranges whose multiplier is written once or twice.
rows = []
for a, b in [(120, 150), (3, 5), (10, 20), (1, 2), (30, 40)]:
    for sep in ("到", "至", "-"):
        rows.append((f"{a}{sep}{b}万张", a * 10**4, b * 10**4, "张", "range"))
    rows.append((f"{chinese(a)}到{chinese(b)}万张", a * 10**4, b * 10**4, "张", "range"))
    rows.append((f"{chinese(a)}万到{chinese(b)}万张", a * 10**4, b * 10**4, "张", "range"))
    rows.append((f"{a}万-{b}万张", a * 10**4, b * 10**4, "张", "range"))
for a, b in [(20, 25), (2, 3), (100, 200)]:
    rows.append((f"{a}-{b}张", a, b, "张", "range"))
    rows.append((f"{chinese(a)}至{chinese(b)}张", a, b, "张", "range"))
write("ranges", "ranges (20-25张, 三至五万张, 一百二十到一百五十万张, 1万-5万张)",
      "到2030年，全市新增养老床位{X}。", COLS, rows)

# Shares: 百分之, 千分之, 万分之 with digits, numerals or 大写; 成.
rows = []
for v in [2.4, 95, 99.5, 0.5, 60, 12.25, 3]:
    s = num(v)
    rows.append((f"百分之{s}", v, "-", "%", ">="))
    rows.append((f"千分之{s}", v, "-", "‰", ">="))
    rows.append((f"万分之{s}", v, "-", "‱", ">="))
    rows.append((f"{s}%", v, "-", "%", ">="))
for n in [5, 9, 12, 30, 95, 60, 85]:
    rows.append((f"百分之{chinese(n)}", n, "-", "%", ">="))
    rows.append((f"千分之{chinese(n)}", n, "-", "‰", ">="))
    rows.append((f"万分之{chinese(n)}", n, "-", "‱", ">="))
    rows.append((f"佰分之{chinese(n, daxie=True)}", n, "-", "%", ">="))
    rows.append((f"仟分之{chinese(n, daxie=True)}", n, "-", "‰", ">="))
    rows.append((f"萬分之{chinese(n, daxie=True)}", n, "-", "‱", ">="))
rows.append(("百分之九十五点五", 95.5, "-", "%", ">="))
for n in range(1, 10):
    rows.append((chinese(n) + "成", n * 10, "-", "%", ">="))
for w, cmp_ in (("半数以上", ">="), ("一半以上", ">="), ("半数以下", "<=")):
    rows.append((w, 0.5, "-", "-", cmp_))
write("shares", "shares (百分之2.4, 千分之五, 万分之2.5, 萬分之肆, 仟分之贰, 七成)",
      "到2030年，全县孕产妇系统管理率达到{X}。", COLS, rows)

# Percentage points in numerals.
rows = []
for v, w in [(6, "六"), (2, "两"), (10, "十"), (0.5, "零点五"), (1.5, "一点五"), (12, "十二")]:
    rows.append((f"{w}个百分点", v, "-", "个百分点", "*"))
    rows.append((f"{num(v)}个百分点", v, "-", "个百分点", "*"))
write("points", "percentage points (提高六个百分点, 零点五个百分点)",
      "到2030年，全县居民健康素养水平提高{X}。", COLS, rows)

# Money: 元/圆 with 角 and 分, 整.
rows = []
for _ in range(25):
    yuan, jiao, fen = rng.randrange(1, 10**6), rng.randrange(0, 10), rng.randrange(1, 10)
    v = round(yuan + jiao / 10 + fen / 100, 2)
    j = f"{DIGITS[jiao]}角" if jiao else ""
    rows.append((f"{chinese(yuan)}元{j}{DIGITS[fen]}分", v, "-", "元", ">="))
for _ in range(15):
    yuan = rng.randrange(1, 10**5)
    rows.append((f"{chinese(yuan, daxie=True)}圆整", yuan, "-", "圆", ">="))
    rows.append((f"{chinese(yuan, daxie=True)}元整", yuan, "-", "元", ">="))
for y, j in [(5, 5), (12, 3)]:
    rows.append((f"{y}元{j}角", y + j / 10, "-", "元", ">="))
rows.append(("1亿2000万元", 120000000, "-", "元", ">="))
write("money", "money in yuan, jiao and fen (六十四万零一百四十三元一角七分, 壹佰壹拾壹圆整)",
      "到2030年，全市养老服务补贴资金达到{X}。", COLS, rows)

# Times.
TCOLS = ["deadline", "period_start"]
rows = []
issued = (2024, 3, 1)


def last(y, m):
    return calendar.monthrange(y, m)[1]


for y in range(2024, 2031):
    for m in (1, 3, 6, 9, 12):
        d = rng.randrange(1, last(y, m) + 1)
        iso = f"{y}-{m:02}-{d:02}"
        rows.append((f"{y}年{m}月{d}号前", iso, "-"))
        rows.append((f"{y}年{m}月{d}號前", iso, "-"))
        rows.append((f"{y}年{m}月{d}日前", iso, "-"))
        rows.append((f"{y}-{m:02}-{d:02}前", iso, "-"))
        rows.append((f"{y}/{m}/{d}前", iso, "-"))
        rows.append((f"{y}.{m}.{d}前", iso, "-"))
        rows.append((f"{y}{m:02}{d:02}前", iso, "-"))
        rows.append((f"{y}年{m}月底前", f"{y}-{m:02}-{last(y, m)}", "-"))
        rows.append((f"到{y}年{m}月", f"{y}-{m:02}-{last(y, m)}", "-"))
        d2 = rng.randrange(d, last(y, m) + 1)
        if d2 > d:
            rows.append((f"{y}年{m}月{d}日至{m}月{d2}日", f"{y}-{m:02}-{d2:02}", f"{y}-{m:02}-{d:02}"))
            rows.append((f"{y}年{m}月{d}日-{m}月{d2}日", f"{y}-{m:02}-{d2:02}", f"{y}-{m:02}-{d:02}"))
    rows.append((f"从{y}年1月至12月", f"{y}-12-31", f"{y}-01-01"))
    rows.append((f"{y}年与{y + 2}年之间", f"{y + 2}-12-31", f"{y}-01-01"))
    rows.append((f"{y}年第三季度", f"{y}-09-30", "-"))
    rows.append((f"{y}年上半年", f"{y}-06-30", "-"))
    rows.append((f"到{y}年底", f"{y}-12-31", "-"))
# Yearless dates: the year of issue, or the next when the date falls before the issue date.
for m in range(1, 13):
    d = rng.randrange(1, 29)
    y = 2024 if (m, d) >= issued[1:] else 2025
    rows.append((f"{m}月{d}日前", f"{y}-{m:02}-{d:02}", "-"))
    rows.append((f"{chinese(m)}月{chinese(d)}日前", f"{y}-{m:02}-{d:02}", "-"))
    y2 = 2024 if (m, last(2024, m)) >= issued[1:] else 2025
    rows.append((f"{m}月底前", f"{y2}-{m:02}-{last(y2, m)}", "-"))
# Words relative to the date of issue (2024-03-01).
for w, iso in [("本月底前", "2024-03-31"), ("本月", "2024-03-31"), ("下个月", "2024-04-30"),
               ("下月", "2024-04-30"), ("当月", "2024-03-31"), ("于当月底前", "2024-03-31"), ("本季度", "2024-03-31"), ("下季度", "2024-06-30"),
               ("下一季度", "2024-06-30"), ("年底前", "2024-12-31"), ("今年年底", "2024-12-31"),
               ("今年", "2024-12-31"), ("明年", "2025-12-31"), ("下年", "2025-12-31"),
               ("来年", "2025-12-31"), ("力争年内", "2024-12-31"), ("首季度", "2024-03-31"),
               ("前两个季度", "2024-06-30"), ("前三季度", "2024-09-30"), ("第三季度", "2024-09-30"),
               ("下半年", "2024-12-31"), ("今年6月底前", "2024-06-30"), ("明年3月", "2025-03-31")]:
    rows.append((w, iso, "-"))
for plan, (a, b) in [("十四五", (2021, 2025)), ("十五五", (2026, 2030))]:
    rows.append((f"“{plan}”期间", f"{b}-12-31", f"{a}-01-01"))
    rows.append((f"{plan}时期", f"{b}-12-31", f"{a}-01-01"))
    rows.append((f"{plan}末", f"{b}-12-31", "-"))
write("times", "dates and times: 号 days, digit dates, ranges, yearless dates and words relative to the date of issue",
      "{X}，全县孕产妇死亡率控制在10/10万以下。", TCOLS, rows)

# A dated task without a number is a milestone, whatever form its time takes (a yearless date too).
mrows = [r for r in rows if not r[0].startswith(("“", "十"))]
write("milestone-times", "the times of milestones: a task whose only time is a yearless, relative or digit date",
      "{X}完成全县托育机构备案工作。", TCOLS, mrows, records="milestones")
