/* The C project's own test: lengths, character counts and prefixes of a few words. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

size_t str_length(const char *s);
int str_count_char(const char *s, int c);
int str_starts_with(const char *s, const char *prefix);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    const char *words[] = {"", "a", "banana", "bandana", "band", "mississippi", "tab\there"};
    size_t n = sizeof words / sizeof words[0];
    for (size_t i = 0; i < n; i++) {
        CHECK(str_length(words[i]) == strlen(words[i]));
        CHECK(str_count_char(words[i], words[i][0]) >= (words[i][0] != '\0'));
        for (size_t j = 0; j < n; j++) {
            int expect = strncmp(words[i], words[j], strlen(words[j])) == 0;
            CHECK(str_starts_with(words[i], words[j]) == expect);
        }
    }
    return failures != 0;
}
