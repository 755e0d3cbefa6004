/* The C project's own test: tokens and identifiers in a few lines of source code. */
#include <stdio.h>

int is_ident_start(int c);
int count_tokens(const char *s);
int count_identifiers(const char *s);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    const char *lines[] = {"int x = 42;", "  return a_b + c2 ;", "", "\t_start:\tjmp loop", "1 2 3"};
    int tokens[] = {4, 5, 0, 3, 3};
    int idents[] = {2, 3, 0, 3, 0};
    for (int i = 0; i < 5; i++) {
        CHECK(count_tokens(lines[i]) == tokens[i]);
        CHECK(count_identifiers(lines[i]) == idents[i]);
    }
    for (int c = 0; c < 128; c++) {
        CHECK(is_ident_start(c) == ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'));
    }
    return failures != 0;
}
