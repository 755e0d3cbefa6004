#include <ctype.h>

int ini_is_comment(const char *line) {
    int i = 0;
    while (line[i] == ' ' || line[i] == '\t') {
        i++;
    }
    return line[i] == ';' || line[i] == '#';
}

int ini_is_section(const char *line) {
    int i = 0;
    if (line[0] != '[') {
        return 0;
    }
    while (line[i] != '\0' && line[i] != ']') {
        i++;
    }
    return line[i] == ']';
}

int ini_key_length(const char *line) {
    int i = 0;
    int end = 0;
    while (line[i] != '\0' && line[i] != '=') {
        if (!isspace(line[i])) {
            end = i + 1;
        }
        i++;
    }
    return line[i] == '=' ? end : -1;
}
