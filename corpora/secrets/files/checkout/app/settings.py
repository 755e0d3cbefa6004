import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = 'z^y5z)6a_=b1#u9@-clr92_#5x0fjiye-pa#^-e-@^1d_fxjh*'
DEBUG = False
ALLOWED_HOSTS = ['.example.org']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'orders',
        'USER': 'orders',
        'PASSWORD': os.getenv('DB_PASSWORD', ''),
        'HOST': 'db',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

HUBSPOT_ACCESS_TOKEN = "pat-na1-8865c48d-3444-41e2-aabf-c960b9a7a0b8"
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_TYPE = "Bearer"
STATIC_VERSION = "fbb0cca2b47a"
