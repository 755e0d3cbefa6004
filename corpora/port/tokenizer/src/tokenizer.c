#include <ctype.h>

int is_ident_start(int c) {
    return isalpha(c) || c == '_';
}

int count_tokens(const char *s) {
    int n = 0;
    int in_token = 0;
    for (int i = 0; s[i] != '\0'; i++) {
        if (isspace(s[i])) {
            in_token = 0;
        } else if (!in_token) {
            in_token = 1;
            n++;
        }
    }
    return n;
}

int count_identifiers(const char *s) {
    int n = 0;
    int i = 0;
    while (s[i] != '\0') {
        if (is_ident_start(s[i])) {
            n++;
            while (isalnum(s[i]) || s[i] == '_') {
                i++;
            }
        } else {
            i++;
        }
    }
    return n;
}
