#pragma once
// Calendar dates as day numbers, and the calendar-month arithmetic the guideline uses:
// a month step clamps to the last day of a shorter month (2026-01-31 + 1 month = 2026-02-28),
// and months_between(a, b) is the largest m with a + m months <= b.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koers {

struct Date {
  int32_t days = 0;  // days since 1970-01-01
  auto operator<=>(const Date&) const = default;
};

struct Ymd {
  int year;
  int month;
  int day;
};

Date date_from_ymd(int year, int month, int day);
Ymd ymd_of(Date d);
bool valid_ymd(int year, int month, int day);
// Parses exactly `YYYY-MM-DD`; nullopt for anything else, including impossible dates (2026-02-30).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);  // ISO, for files and the technical section
Date add_months(Date d, int64_t months);
Date add_days(Date d, int64_t days);
int64_t months_between(Date from, Date to);  // negative when to < from
int64_t days_between(Date from, Date to);
Date today_utc();

}  // namespace koers
