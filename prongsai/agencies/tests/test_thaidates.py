import datetime

import pytest

from prongsai.agencies.thaidates import FiscalYear, fiscal_year_of, thai_date, to_thai_digits


@pytest.mark.parametrize(
    "day, fy",
    [
        (datetime.date(2025, 9, 30), 2568),
        (datetime.date(2025, 10, 1), 2569),
        (datetime.date(2026, 9, 30), 2569),
        (datetime.date(2026, 10, 1), 2570),
        (datetime.date(2026, 11, 21), 2570),
    ],
)
def test_fiscal_year_changes_on_the_first_of_october(day, fy):
    assert fiscal_year_of(day).be == fy


def test_fiscal_year_range_and_halves():
    fy = FiscalYear(2569)
    assert (fy.start, fy.end) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
    assert fy.first_half == (datetime.date(2025, 10, 1), datetime.date(2026, 3, 31))
    assert fy.second_half == (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30))
    assert datetime.date(2026, 3, 31) in fy and datetime.date(2026, 10, 1) not in fy
    assert fy.previous().be == 2568 and fy.next().be == 2570
    assert str(fy) == "ปีงบประมาณ พ.ศ. 2569"


def test_thai_dates_in_buddhist_era_with_arabic_or_thai_digits():
    day = datetime.date(2026, 11, 21)
    assert thai_date(day) == "21 พ.ย. 2569"
    assert thai_date(day, "long") == "21 พฤศจิกายน 2569"
    assert thai_date(day, "long", thai_digits=True) == "๒๑ พฤศจิกายน ๒๕๖๙"
    assert thai_date(None) == ""
    assert to_thai_digits("โทร 044-123-456") == "โทร ๐๔๔-๑๒๓-๔๕๖"


def test_aware_datetimes_are_shown_in_bangkok_time(settings):
    from django.utils import timezone

    late_utc = datetime.datetime(2026, 9, 30, 18, 30, tzinfo=datetime.UTC)  # 01:30 in Bangkok
    assert thai_date(late_utc) == "1 ต.ค. 2569"
    assert fiscal_year_of(late_utc).be == 2570
    assert timezone.get_current_timezone_name() == "Asia/Bangkok"
