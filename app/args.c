/* storyline CLI: the one strict reader of numbers and days given on the command
 * line or in the environment, and the usage errors about option values. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

bool cli_number(const char *s, uint64_t min, uint64_t max, uint64_t *out) {
  uint64_t n = 0;
  if (!s || !*s)
    return false;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9' || n > (UINT64_MAX - 9) / 10)
      return false; /* a sign, a space, a suffix, or too many digits */
    n = n * 10 + (uint64_t)(*p - '0');
  }
  if (n < min || n > max)
    return false;
  *out = n;
  return true;
}

int cli_bad_number(const command *cmd, const char *what, const char *value,
                   uint64_t min, uint64_t max) {
  return cli_usage_error(cmd,
                         "invalid %s '%s': expected a whole number from "
                         "%llu to %llu",
                         what, value, (unsigned long long)min,
                         (unsigned long long)max);
}

int cli_missing_value(const command *cmd, const char *option) {
  return cli_usage_error(cmd, "option %s needs a value", option);
}

/* YYYY-MM-DD, a real calendar day. */
bool cli_day(const char *s, sl_date *out) {
  int y, m, d, n = 0;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
      n != 10 || y < 1 || m < 1 || m > 12 || d < 1)
    return false;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > days[m - 1] || (m == 2 && d == 29 && !leap))
    return false;
  *out = (sl_date){(int16_t)y, (int8_t)m, (int8_t)d};
  return true;
}
