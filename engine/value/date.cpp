#include "value/date.h"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>

namespace koers {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
Date date_from_ymd(int year, int month, int day) {
  int y = year - (month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int mp = (month + 9) % 12;
  int doy = (153 * mp + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + doe - 719468};
}

Ymd ymd_of(Date d) {
  int z = d.days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int day = doy - (153 * mp + 2) / 5 + 1;
  int month = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{y + (month <= 2 ? 1 : 0), month, day};
}

static bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool valid_ymd(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t count) -> int {
    int v = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4);
  int m = digits(5, 2);
  int d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0 || !valid_ymd(y, m, d)) return std::nullopt;
  return date_from_ymd(y, m, d);
}

std::string format_date(Date d) {
  Ymd v = ymd_of(d);
  return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
}

Date add_months(Date d, int64_t months) {
  Ymd v = ymd_of(d);
  // Beyond the calendar's 10,000 years either way, the answer is its first or last day anyway;
  // the bound keeps the sum below from overflowing.
  months = std::clamp<int64_t>(months, -12 * 10000, 12 * 10000);
  int64_t total = static_cast<int64_t>(v.year) * 12 + (v.month - 1) + months;
  int year = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
  int month = static_cast<int>(total - static_cast<int64_t>(year) * 12) + 1;
  if (year < 1) return date_from_ymd(1, 1, 1);
  if (year > 9999) return date_from_ymd(9999, 12, 31);
  int day = std::min(v.day, days_in_month(year, month));
  return date_from_ymd(year, month, day);
}

Date add_days(Date d, int64_t days) {
  // Within the calendar (0001-01-01 to 9999-12-31), as add_months: never past its ends.
  static const int64_t first = date_from_ymd(1, 1, 1).days;
  static const int64_t last = date_from_ymd(9999, 12, 31).days;
  days = std::clamp<int64_t>(days, first - last, last - first);
  return Date{static_cast<int32_t>(std::clamp<int64_t>(d.days + days, first, last))};
}

int64_t months_between(Date from, Date to) {
  if (to < from) return -months_between(to, from);
  Ymd a = ymd_of(from);
  Ymd b = ymd_of(to);
  int64_t m = (static_cast<int64_t>(b.year) - a.year) * 12 + (b.month - a.month);
  if (add_months(from, m) > to) --m;
  return m;
}

int64_t days_between(Date from, Date to) {
  return static_cast<int64_t>(to.days) - from.days;
}

Date today_utc() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int32_t>(now.time_since_epoch().count())};
}

}  // namespace koers
