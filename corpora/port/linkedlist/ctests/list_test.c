/* The C project's own test: builds a list, sums it and frees it. */
#include <stdio.h>

struct node;
struct node *list_push(struct node *head, int value);
int list_sum(const struct node *head);
void list_free(struct node *head);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    struct node *head = NULL;
    CHECK(list_sum(head) == 0);
    int expected = 0;
    for (int v = -5; v <= 20; v += 3) {
        head = list_push(head, v);
        expected += v;
        CHECK(list_sum(head) == expected);
    }
    list_free(head);
    return failures != 0;
}
