'use strict';

module.exports = {
  service: 'analytics',
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY,
    publishableKey: 'pk_live_51zB9bS0IPZkcRM1yKRoQOr6YKzm7O66dQtOpEQQvOEilLuCwNYzZHaZQKcKkZ6SLY5M2vY6gZLyYn5ZBHaKu2oqrWVBUpoyySa',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJNhin-zKQWw2fEHl2n51zRW7PKq5U1Q8SlikW_tnw.oBKwcSouJbfIJD0h-TlNBi',
  },
  recaptcha: {
    siteKey: '6Lc8SLQYzPnfwCAaYx5zDCDKZ19RceyZ-lE5WiSH',
  },
  sentry: {
    dsn: 'https://1571aa12741eb653b99e5f6765d086c2@o337553.ingest.sentry.io/3199636',
  },
  sendgridapikey: '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',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'UBunjBRC_ww4P49c5j6UKmiJjNqStHp_qpqC6zVN',
  },
  buildId: 'ac1085be3ee47d98e7c6',
};
