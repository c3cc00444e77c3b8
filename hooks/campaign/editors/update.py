def update_by_id(source, out, reading, year, opening):
    return None
