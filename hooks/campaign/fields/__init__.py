"""How one field is read: time phrases, figures, links, photo dates, and the campaign's clock."""
