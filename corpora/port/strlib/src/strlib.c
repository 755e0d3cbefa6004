#include <stddef.h>

size_t str_length(const char *s) {
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t) (p - s);
}

int str_count_char(const char *s, int c) {
    int n = 0;
    for (int i = 0; s[i] != '\0'; i++) {
        if (s[i] == c) {
            n++;
        }
    }
    return n;
}

int str_starts_with(const char *s, const char *prefix) {
    int i = 0;
    while (prefix[i] != '\0') {
        if (s[i] != prefix[i]) {
            return 0;
        }
        i++;
    }
    return 1;
}
