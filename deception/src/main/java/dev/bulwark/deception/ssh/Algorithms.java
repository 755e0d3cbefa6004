package dev.bulwark.deception.ssh;

import dev.bulwark.deception.profile.Profile;
import dev.bulwark.deception.profile.ProfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.kex.extension.DefaultServerKexExtensionHandler;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.mac.MacFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * Sets MINA's algorithm factories to the profile's lists, in the profile's order, so the KEXINIT
 * the honeypot sends lists what the emulated sshd lists. The strict-KEX marker is added by MINA
 * itself. A MAC MINA does not implement (OpenSSH's UMAC) is still advertised: with the AEAD ciphers
 * every OpenSSH client prefers it is negotiated but never used; a client that picks it with a CTR
 * cipher is disconnected, which a real server would not do (documented in the README).
 */
final class Algorithms {
  private static final Set<String> ADDED_BY_MINA = Set.of("kex-strict-s-v00@openssh.com");

  private Algorithms() {}

  static void apply(SshServer sshd, Profile.SshAlgorithms a) throws ProfileException {
    List<KeyExchangeFactory> kex = new ArrayList<>();
    for (String n : a.kex()) {
      if (ADDED_BY_MINA.contains(n)) {
        continue;
      }
      BuiltinDHFactories f = BuiltinDHFactories.fromFactoryName(n);
      if (f == null || !f.isSupported()) {
        throw new ProfileException("key exchange '" + n + "' of the profile is not available");
      }
      kex.add(ServerBuilder.DH2KEX.apply(f));
    }
    sshd.setKeyExchangeFactories(kex);
    List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
    for (String n : a.ciphers()) {
      BuiltinCiphers c = BuiltinCiphers.fromFactoryName(n);
      if (c == null || !c.isSupported()) {
        throw new ProfileException("cipher '" + n + "' of the profile is not available");
      }
      ciphers.add(c);
    }
    sshd.setCipherFactories(ciphers);
    List<NamedFactory<Mac>> macs = new ArrayList<>();
    for (String n : a.macs()) {
      BuiltinMacs m = BuiltinMacs.fromFactoryName(n);
      macs.add(m != null && m.isSupported() ? m : new AdvertisedOnly(n));
    }
    sshd.setMacFactories(macs);
    List<NamedFactory<Compression>> comp = new ArrayList<>();
    for (String n : a.compression()) {
      BuiltinCompressions c = BuiltinCompressions.fromFactoryName(n);
      if (c == null) {
        throw new ProfileException("compression '" + n + "' of the profile is not available");
      }
      comp.add(c);
    }
    sshd.setCompressionFactories(comp);
    List<NamedFactory<Signature>> sigs = new ArrayList<>();
    for (String n : a.hostKey()) {
      BuiltinSignatures s = BuiltinSignatures.fromFactoryName(n);
      if (s == null || !s.isSupported()) {
        throw new ProfileException(
            "host key algorithm '" + n + "' of the profile is not available");
      }
      sigs.add(s);
    }
    sshd.setSignatureFactories(sigs);
    if (!a.kex().contains("ext-info-s")) {
      sshd.setKexExtensionHandler(new NoExtInfoMarker());
    }
  }

  /**
   * OpenSSH before 9.6 does not list "ext-info-s" in its KEXINIT; MINA always does. The extension
   * messages themselves are still sent when the client asks for them, as 9.2 does.
   */
  private static final class NoExtInfoMarker extends DefaultServerKexExtensionHandler {
    @Override
    public void handleKexInitProposal(
        Session session, boolean initiator, Map<KexProposalOption, String> proposal)
        throws Exception {
      super.handleKexInitProposal(session, initiator, proposal);
      String kex = proposal.get(KexProposalOption.ALGORITHMS);
      if (kex != null && kex.contains("ext-info-s")) {
        List<String> names = new ArrayList<>(List.of(kex.split(",")));
        names.remove("ext-info-s");
        proposal.put(KexProposalOption.ALGORITHMS, String.join(",", names));
      }
    }
  }

  /** A MAC name listed for the fingerprint's sake; choosing it ends the connection. */
  private record AdvertisedOnly(String name) implements MacFactory {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isSupported() {
      return true;
    }

    @Override
    public Mac create() {
      // MINA makes the negotiated MAC even when an AEAD cipher leaves it unused; only its use fails
      return new Mac() {
        @Override
        public void init(byte[] key) {}

        @Override
        public void update(byte[] buf, int start, int len) {
          throw unsupported();
        }

        @Override
        public void updateUInt(long i) {
          throw unsupported();
        }

        @Override
        public void doFinal(byte[] buf, int offset) {
          throw unsupported();
        }

        @Override
        public int getBlockSize() {
          return AdvertisedOnly.this.getBlockSize();
        }

        @Override
        public int getDefaultBlockSize() {
          return AdvertisedOnly.this.getDefaultBlockSize();
        }

        @Override
        public String getAlgorithm() {
          return name;
        }

        @Override
        public boolean isEncryptThenMac() {
          return AdvertisedOnly.this.isEncryptThenMac();
        }
      };
    }

    private UnsupportedOperationException unsupported() {
      return new UnsupportedOperationException(
          "MAC " + name + " is advertised but not implemented");
    }

    @Override
    public String getAlgorithm() {
      return name;
    }

    @Override
    public int getBlockSize() {
      return name.contains("128") ? 16 : 8;
    }

    @Override
    public int getDefaultBlockSize() {
      return 16;
    }

    @Override
    public boolean isEncryptThenMac() {
      return name.contains("-etm@");
    }
  }
}
