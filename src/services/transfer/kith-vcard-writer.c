/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <libebook-contacts/libebook-contacts.h>
#include <string.h>

#include "kith-vcard-fields.h"
#include "kith-vcard-picture.h"
#include "kith-vcard-writer.h"

/*
 * A record's typed values (kith_store_read_record_values ()) written as a vCard with EVCard: its
 * fields as the standard properties other address books read, its CRM fields as X-KITH-*
 * properties, and the properties kept from the card it was imported from, so that export →
 * import loses nothing. A company is a card with KIND:org (4.0) or X-ABShowAs:COMPANY (3.0, as
 * Apple writes it).
 */

/* The store reads only the fields of a record's kind, so a field set is one to write */
static const char *
text_of (const KithRecordValues *values,
         KithField               field)
{
  return values->fields[field].set ? values->fields[field].text : NULL;
}

static char **
strv_of (const KithRecordValues *values,
         KithField               field)
{
  return values->fields[field].set ? values->fields[field].strv : NULL;
}

static GPtrArray *
list_of (const KithRecordValues *values,
         KithField               field)
{
  return values->fields[field].set ? values->fields[field].list : NULL;
}

static EVCardAttribute *
add (EVCard     *vcard,
     const char *name,
     const char *value)
{
  EVCardAttribute *attr = e_vcard_attribute_new (NULL, name);

  if (value != NULL)
    e_vcard_append_attribute_with_value (vcard, attr, value);
  else
    e_vcard_append_attribute (vcard, attr);

  return attr;
}

static void
add_param (EVCardAttribute *attr,
           const char      *name,
           const char      *value)
{
  e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (name), value);
}

/* EMAIL;TYPE=WORK, TEL;TYPE=CELL …; preferred: TYPE=PREF (3.0) or PREF=1 (4.0) */
static void
write_channels (EVCard                 *vcard,
                const KithRecordValues *values,
                KithField               field,
                const char             *property,
                KithVCardVersion        version)
{
  GPtrArray *list = list_of (values, field);
  static const struct { const char *label, *type; } types[] = {
    { "work", "WORK" }, { "home", "HOME" }, { "mobile", "CELL" },
  };

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordChannel *c = g_ptr_array_index (list, i);
      EVCardAttribute *attr = add (vcard, property, c->value);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        if (g_strcmp0 (c->label, types[t].label) == 0)
          add_param (attr, EVC_TYPE, types[t].type);
      if (field == KITH_FIELD_FAXES)
        add_param (attr, EVC_TYPE, "FAX");
      if (c->preferred)
        add_param (attr, version == KITH_VCARD_40 ? "PREF" : EVC_TYPE, version == KITH_VCARD_40 ? "1" : "PREF");
    }
}

static void
write_addresses (EVCard                 *vcard,
                 const KithRecordValues *values)
{
  GPtrArray *list = list_of (values, KITH_FIELD_ADDRESSES);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordAddress *a = g_ptr_array_index (list, i);
      EVCardAttribute *attr = e_vcard_attribute_new (NULL, EVC_ADR);

      if (g_strcmp0 (a->label, "work") == 0)
        add_param (attr, EVC_TYPE, "WORK");
      if (g_strcmp0 (a->label, "home") == 0)
        add_param (attr, EVC_TYPE, "HOME");
      if (a->has_position)
        {
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lng[G_ASCII_DTOSTR_BUF_SIZE];

          add_param (attr, KITH_VCARD_LATITUDE, g_ascii_dtostr (lat, sizeof lat, a->lat));
          add_param (attr, KITH_VCARD_LONGITUDE, g_ascii_dtostr (lng, sizeof lng, a->lng));
        }
      e_vcard_append_attribute_with_values (vcard, attr, "", "", a->street ?: "", a->city ?: "", a->state ?: "",
                                            a->postal ?: "", a->country ?: "", NULL);
    }
}

/* URL: the web pages, their labels left out */
static void
write_urls (EVCard                 *vcard,
            const KithRecordValues *values)
{
  GPtrArray *list = list_of (values, KITH_FIELD_URLS);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordChannel *c = g_ptr_array_index (list, i);

      if (c->value != NULL)
        add (vcard, EVC_URL, c->value);
    }
}

static void
write_domains (EVCard                 *vcard,
               const KithRecordValues *values)
{
  char **domains = strv_of (values, KITH_FIELD_DOMAINS);

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    add (vcard, KITH_VCARD_DOMAIN, domains[i]);
}

static void
write_categories (EVCard                 *vcard,
                  const KithRecordValues *values)
{
  char **tags = strv_of (values, KITH_FIELD_KEYWORDS);
  EVCardAttribute *attr;

  if (tags == NULL || tags[0] == NULL)
    return;
  attr = add (vcard, EVC_CATEGORIES, NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    e_vcard_attribute_add_value (attr, tags[i]);
}

/* A picture file inline; a URI as it is */
static void
write_photo (EVCard                 *vcard,
             const KithRecordValues *values,
             KithVCardVersion        version)
{
  const char *picture = text_of (values, KITH_FIELD_PICTURE);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *base64 = NULL;
  EVCardAttribute *attr;

  if (picture == NULL)
    return;
  if (strstr (picture, "://") != NULL)
    {
      attr = add (vcard, EVC_PHOTO, picture);
      if (version == KITH_VCARD_30)
        add_param (attr, EVC_VALUE, "uri");
      return;
    }
  if ((bytes = kith_vcard_picture_load (picture, &mime)) == NULL)
    return;

  base64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (version == KITH_VCARD_40)
    {
      g_autofree char *uri = g_strdup_printf ("data:%s;base64,%s", mime, base64);

      add (vcard, EVC_PHOTO, uri);
      return;
    }
  attr = add (vcard, EVC_PHOTO, base64);
  add_param (attr, EVC_ENCODING, "b");
  add_param (attr, EVC_TYPE, mime + strlen ("image/"));
}

static void
write_socials (EVCard                 *vcard,
               const KithRecordValues *values)
{
  guint n;
  const KithVCardSocial *socials = kith_vcard_socials (&n);

  for (guint i = 0; i < n; i++)
    {
      const char *handle = text_of (values, socials[i].field);
      g_autofree char *url = NULL;
      EVCardAttribute *attr;

      if (handle == NULL)
        continue;
      url = g_strconcat (socials[i].url_prefix, handle, NULL);
      attr = add (vcard, "X-SOCIALPROFILE", url);
      add_param (attr, EVC_TYPE, socials[i].type);
      add_param (attr, "X-USER", handle);
    }
}

/* A flag is written when on: off and unset are one to the store */
static void
write_kith_fields (EVCard                 *vcard,
                   const KithRecordValues *values)
{
  guint n;
  const KithVCardField *fields = kith_vcard_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      const KithValue *value = &values->fields[fields[i].field];
      g_autofree char *text = NULL;

      if (!value->set)
        continue;
      if (fields[i].type == KITH_VCARD_INT)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, value->num);
      else if (fields[i].type == KITH_VCARD_FLAG)
        {
          if (!value->flag)
            continue;
          text = g_strdup ("TRUE");
        }
      else
        text = g_strdup (value->text);
      add (vcard, fields[i].property, text);
    }
}

static void
write_custom_fields (EVCard                 *vcard,
                     const KithRecordValues *values)
{
  GPtrArray *list = list_of (values, KITH_FIELD_CUSTOM_FIELDS);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordCustom *c = g_ptr_array_index (list, i);
      EVCardAttribute *attr = add (vcard, KITH_VCARD_CUSTOM_FIELD, NULL);

      add_param (attr, "X-KEY", c->key);
      if (!c->multi)
        {
          e_vcard_attribute_add_value (attr, c->values[0] ?: "");
          continue;
        }
      add_param (attr, "X-MULTI", "TRUE");
      for (guint v = 0; c->values[v] != NULL; v++)
        e_vcard_attribute_add_value (attr, c->values[v]);
    }
}

static void
write_app_links (EVCard                 *vcard,
                 const KithRecordValues *values)
{
  GPtrArray *list = list_of (values, KITH_FIELD_APP_LINKS);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordAppLink *l = g_ptr_array_index (list, i);

      e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, KITH_VCARD_APP_LINK),
                                            l->source ?: "", l->uniqueid ?: "", l->label ?: "", l->url ?: "", NULL);
    }
}

static void
write_occasions (EVCard                 *vcard,
                 const KithRecordValues *values)
{
  GPtrArray *list = list_of (values, KITH_FIELD_ANNIVERSARIES);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KithRecordOccasion *o = g_ptr_array_index (list, i);
      EVCardAttribute *attr = add (vcard, KITH_VCARD_OCCASION, o->date);

      if (o->label != NULL)
        add_param (attr, "X-LABEL", o->label);
    }
}

/* The properties kept from the card the record was imported from */
static void
write_extra (EVCard     *vcard,
             const char *extra)
{
  g_autoptr(EVCard) kept = NULL;

  if (extra == NULL)
    return;
  kept = e_vcard_new_from_string (extra);
  for (GList *l = e_vcard_get_attributes (kept); l != NULL; l = l->next)
    if (g_ascii_strcasecmp (e_vcard_attribute_get_name (l->data), EVC_VERSION) != 0)
      e_vcard_append_attribute (vcard, e_vcard_attribute_copy (l->data));
}

/* N, FN, ORG, TITLE: a person's names and work; a company's name, and its kind */
static void
write_names (EVCard                 *vcard,
             KithRecordKind          kind,
             const KithRecordValues *values,
             KithVCardVersion        version)
{
  const char *name = text_of (values, KITH_FIELD_NAME) ?: "";
  const char *company = text_of (values, KITH_FIELD_COMPANY);
  const char *department = text_of (values, KITH_FIELD_DEPARTMENT);

  if (kind == KITH_RECORD_COMPANY)
    {
      if (version == KITH_VCARD_40)
        add (vcard, "KIND", "org");
      else
        add (vcard, "X-ABShowAs", "COMPANY");
      e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_N), "", "", "", "", "", NULL);
      add (vcard, EVC_FN, name);
      add (vcard, EVC_ORG, name);
      return;
    }

  e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_N),
                                        text_of (values, KITH_FIELD_LAST) ?: "",
                                        text_of (values, KITH_FIELD_FIRST) ?: "", "", "", "", NULL);
  add (vcard, EVC_FN, name);
  if (company != NULL || department != NULL)
    e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_ORG),
                                          company ?: "", department ?: "", NULL);
  if (text_of (values, KITH_FIELD_ROLE) != NULL)
    add (vcard, EVC_TITLE, text_of (values, KITH_FIELD_ROLE));
  if (text_of (values, KITH_FIELD_BIRTHDAY) != NULL)
    add (vcard, EVC_BDAY, text_of (values, KITH_FIELD_BIRTHDAY));
}

/**
 * kith_vcard_write_record:
 * @kind: the record's kind: a person or a company
 * @values: its values, as kith_store_read_record_values () reads them
 * @extra: (nullable): the vCard properties kept with it (kith_store_dup_vcard_extra ())
 *
 * Returns: (transfer full): the card, BEGIN:VCARD to END:VCARD, lines ending in CRLF
 */
char *
kith_vcard_write_record (KithRecordKind          kind,
                         const KithRecordValues *values,
                         const char             *extra,
                         KithVCardVersion        version)
{
  g_autoptr(EVCard) vcard = NULL;
  g_autofree char *text = NULL;
  const char *v30;

  g_return_val_if_fail (values != NULL, NULL);

  vcard = e_vcard_new ();
  add (vcard, "PRODID", "-//Kith//Kith//EN");
  write_names (vcard, kind, values, version);
  write_channels (vcard, values, KITH_FIELD_EMAILS, EVC_EMAIL, version);
  write_channels (vcard, values, KITH_FIELD_PHONES, EVC_TEL, version);
  write_channels (vcard, values, KITH_FIELD_FAXES, EVC_TEL, version);
  write_addresses (vcard, values);
  write_urls (vcard, values);
  write_domains (vcard, values);
  if (text_of (values, KITH_FIELD_NOTES) != NULL)
    add (vcard, EVC_NOTE, text_of (values, KITH_FIELD_NOTES));
  write_categories (vcard, values);
  write_photo (vcard, values, version);
  write_socials (vcard, values);
  write_occasions (vcard, values);
  write_kith_fields (vcard, values);
  write_custom_fields (vcard, values);
  write_app_links (vcard, values);
  write_extra (vcard, extra);

  /* EVCard writes 3.0; 4.0 differs in the properties written above, not in the syntax */
  text = e_vcard_to_string (vcard, EVC_FORMAT_VCARD_30);
  if (version == KITH_VCARD_40 && (v30 = strstr (text, "VERSION:3.0\r\n")) != NULL)
    memcpy ((char *) v30 + strlen ("VERSION:"), "4.0", 3);

  /* EVCard leaves the line break after END:VCARD to what comes next */
  return g_strconcat (text, "\r\n", NULL);
}
