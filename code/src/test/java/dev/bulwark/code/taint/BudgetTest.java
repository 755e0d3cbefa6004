package dev.bulwark.code.taint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class BudgetTest {
  @Test
  void aCallIsCutShortAtItsOwnDeadline_andTheCallerGoesOn() {
    Budget b = new Budget();
    b.start();
    long outer = b.enterCall();
    long mine = b.callDeadline();
    assertThat(mine).isEqualTo(Budget.MAX_CALL_STEPS);
    b.charge(Budget.MAX_CALL_STEPS); // up to the deadline is allowed
    Budget.CallExceeded e = catchThrowableOfType(Budget.CallExceeded.class, b::tick);
    assertThat(e).isNotNull();
    assertThat(e.deadline).isEqualTo(mine);
    b.exitCall(outer);
    assertThatNoException().isThrownBy(b::tick);
  }

  @Test
  void aNestedCall_neverOutlivesTheCallAroundIt() {
    Budget b = new Budget();
    b.start();
    long outerOfFirst = b.enterCall();
    b.charge(Budget.MAX_CALL_STEPS - 10);
    long outerOfSecond = b.enterCall();
    // the inner call's own allowance would reach further; the outer deadline still holds
    assertThat(outerOfSecond).isEqualTo(Budget.MAX_CALL_STEPS);
    assertThat(b.callDeadline()).isEqualTo(Budget.MAX_CALL_STEPS);
    Budget.CallExceeded e = catchThrowableOfType(Budget.CallExceeded.class, () -> b.charge(11));
    // the enclosing call's deadline: the interpreter lets the enclosing call degrade, not this one
    assertThat(e.deadline).isEqualTo(outerOfSecond);
    b.exitCall(outerOfSecond);
    b.exitCall(outerOfFirst);
    assertThat(b.callDeadline()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theEntryPointsBudget_endsTheAnalysis_andStartResetsIt() {
    Budget b = new Budget();
    b.start();
    assertThat(catchThrowableOfType(Budget.Exceeded.class, () -> b.charge(Budget.MAX_STEPS + 1)))
        .isNotNull();
    b.start();
    assertThatNoException().isThrownBy(() -> b.charge(Budget.MAX_STEPS));
  }
}
