"""marsad.kb"""
