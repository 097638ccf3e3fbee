__doc__ = 'The bundled demo corpus (five seed articles).'
