"""marsad.readers"""
