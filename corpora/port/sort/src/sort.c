#include <stddef.h>

void insertion_sort(int *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        int key = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > key) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = key;
    }
}

int is_sorted(const int *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        if (a[i - 1] > a[i]) {
            return 0;
        }
    }
    return 1;
}

int count_below(const int *a, size_t n, int limit) {
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i] < limit) {
            c++;
        }
    }
    return c;
}
