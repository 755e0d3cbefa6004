package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModbusTest {
  @Test
  void namesFunctionsAndExceptionsAsZeekDoes() {
    assertThat(Modbus.function(4)).isEqualTo("READ_INPUT_REGISTERS");
    assertThat(Modbus.function(0x83)).isEqualTo("READ_HOLDING_REGISTERS_EXCEPTION");
    assertThat(Modbus.function(0x9c)).isEqualTo("unknown-156");
    assertThat(Modbus.function(29)).isEqualTo("unknown-29");
    assertThat(Modbus.exception(1)).isEqualTo("ILLEGAL_FUNCTION");
    assertThat(Modbus.exception(0x0b)).isEqualTo("GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND");
    assertThat(Modbus.exception(9)).isEqualTo("unknown-9");
  }
}
