/* The C project's own test: sorts generated arrays of every length up to 40. */
#include <stddef.h>
#include <stdio.h>

void insertion_sort(int *a, size_t n);
int is_sorted(const int *a, size_t n);
int count_below(const int *a, size_t n, int limit);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    int a[40];
    unsigned seed = 12345;
    for (size_t n = 0; n <= 40; n += 3) {
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            a[i] = (int) (seed >> 8) % 2001 - 1000;
        }
        int below = count_below(a, n, 0);
        insertion_sort(a, n);
        CHECK(is_sorted(a, n));
        CHECK(count_below(a, n, 0) == below);
    }
    return failures != 0;
}
