/* The C project's own test: classifies every line of a small configuration file. */
#include <stdio.h>
#include <string.h>

int ini_is_comment(const char *line);
int ini_is_section(const char *line);
int ini_key_length(const char *line);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    char file[] = "; server settings\n[server]\nhost = example.org\n  port=8080\n\t# old\n[broken\nflag\n name  = x = y\n";
    int sections = 0, comments = 0, keys = 0;
    for (char *line = strtok(file, "\n"); line; line = strtok(NULL, "\n")) {
        if (ini_is_comment(line)) comments++;
        else if (ini_is_section(line)) sections++;
        else if (ini_key_length(line) > 0) keys++;
    }
    CHECK(comments == 2);
    CHECK(sections == 1);
    CHECK(keys == 3);
    return failures != 0;
}
