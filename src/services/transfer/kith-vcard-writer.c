/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <libebook-contacts/libebook-contacts.h>
#include <string.h>

#include "kith-vcard-fields.h"
#include "kith-vcard-picture.h"
#include "kith-vcard-writer.h"

/*
 * A record (in the shape of docs/json.md) written as a vCard with EVCard: its fields as the
 * standard properties other address books read, its CRM fields as X-KITH-* properties, and the
 * properties kept from the card it was imported from, so that export → import loses nothing.
 * A company is a card with KIND:org (4.0) or X-ABShowAs:COMPANY (3.0, as Apple writes it).
 */

static const char *
text_member (JsonObject *obj,
             const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
array_member (JsonObject *obj,
              const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
flag_member (JsonObject *obj,
             const char *member)
{
  return json_object_get_boolean_member_with_default (obj, member, FALSE);
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
write_channels (EVCard           *vcard,
                JsonObject       *record,
                const char       *member,
                const char       *property,
                KithVCardVersion  version)
{
  JsonArray *list = array_member (record, member);
  static const struct { const char *label, *type; } types[] = {
    { "work", "WORK" }, { "home", "HOME" }, { "mobile", "CELL" },
  };

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      EVCardAttribute *attr = add (vcard, property, text_member (c, "value"));

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        if (flag_member (c, types[t].label))
          add_param (attr, EVC_TYPE, types[t].type);
      if (g_str_equal (member, "faxes"))
        add_param (attr, EVC_TYPE, "FAX");
      if (flag_member (c, "preferred"))
        add_param (attr, version == KITH_VCARD_40 ? "PREF" : EVC_TYPE, version == KITH_VCARD_40 ? "1" : "PREF");
    }
}

static void
write_addresses (EVCard     *vcard,
                 JsonObject *record)
{
  JsonArray *list = array_member (record, "addresses");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      EVCardAttribute *attr = e_vcard_attribute_new (NULL, EVC_ADR);

      if (flag_member (a, "work"))
        add_param (attr, EVC_TYPE, "WORK");
      if (flag_member (a, "home"))
        add_param (attr, EVC_TYPE, "HOME");
      if (json_object_has_member (a, "lat") && json_object_has_member (a, "lng"))
        {
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lng[G_ASCII_DTOSTR_BUF_SIZE];

          add_param (attr, KITH_VCARD_LATITUDE, g_ascii_dtostr (lat, sizeof lat, json_object_get_double_member (a, "lat")));
          add_param (attr, KITH_VCARD_LONGITUDE, g_ascii_dtostr (lng, sizeof lng, json_object_get_double_member (a, "lng")));
        }
      e_vcard_append_attribute_with_values (vcard, attr, "", "", text_member (a, "street") ?: "",
                                            text_member (a, "city") ?: "", text_member (a, "state") ?: "",
                                            text_member (a, "postal") ?: "", text_member (a, "country") ?: "", NULL);
    }
}

static void
write_strings (EVCard     *vcard,
               JsonObject *record,
               const char *member,
               const char *property)
{
  JsonArray *list = array_member (record, member);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *value = JSON_NODE_HOLDS_OBJECT (node) ? text_member (json_node_get_object (node), "value")
                                                        : json_node_get_string (node);

      if (value != NULL)
        add (vcard, property, value);
    }
}

static void
write_categories (EVCard     *vcard,
                  JsonObject *record)
{
  JsonArray *tags = array_member (record, "keywords");
  EVCardAttribute *attr;

  if (tags == NULL || json_array_get_length (tags) == 0)
    return;
  attr = add (vcard, EVC_CATEGORIES, NULL);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    e_vcard_attribute_add_value (attr, json_array_get_string_element (tags, i));
}

/* A picture file inline; a URI as it is */
static void
write_photo (EVCard           *vcard,
             JsonObject       *record,
             KithVCardVersion  version)
{
  const char *picture = text_member (record, "picture");
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
write_socials (EVCard     *vcard,
               JsonObject *record)
{
  guint n;
  const KithVCardSocial *socials = kith_vcard_socials (&n);

  for (guint i = 0; i < n; i++)
    {
      const char *handle = text_member (record, socials[i].member);
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

static void
write_kith_fields (EVCard     *vcard,
                   JsonObject *record)
{
  guint n;
  const KithVCardField *fields = kith_vcard_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_object_get_member (record, fields[i].member);
      g_autofree char *value = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (fields[i].type == KITH_VCARD_INT)
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (fields[i].type == KITH_VCARD_FLAG)
        value = g_strdup (json_node_get_boolean (node) ? "TRUE" : "FALSE");
      else
        value = g_strdup (json_node_get_string (node));
      add (vcard, fields[i].property, value);
    }
}

static void
write_custom_fields (EVCard     *vcard,
                     JsonObject *record)
{
  JsonArray *list = array_member (record, "customFields");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      JsonArray *values = array_member (c, "value");
      EVCardAttribute *attr = add (vcard, KITH_VCARD_CUSTOM_FIELD, NULL);

      add_param (attr, "X-KEY", text_member (c, "id"));
      if (values == NULL)
        {
          e_vcard_attribute_add_value (attr, text_member (c, "value") ?: "");
          continue;
        }
      add_param (attr, "X-MULTI", "TRUE");
      for (guint v = 0; v < json_array_get_length (values); v++)
        e_vcard_attribute_add_value (attr, json_array_get_string_element (values, v));
    }
}

static void
write_app_links (EVCard     *vcard,
                 JsonObject *record)
{
  JsonArray *list = array_member (record, "appLinks");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *l = json_array_get_object_element (list, i);

      e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, KITH_VCARD_APP_LINK),
                                            text_member (l, "source") ?: "", text_member (l, "uniqueid") ?: "",
                                            text_member (l, "label") ?: "", text_member (l, "url") ?: "", NULL);
    }
}

static void
write_occasions (EVCard     *vcard,
                 JsonObject *record)
{
  JsonArray *list = array_member (record, "anniversaries");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      EVCardAttribute *attr = add (vcard, KITH_VCARD_OCCASION, text_member (o, "date"));

      if (text_member (o, "label") != NULL)
        add_param (attr, "X-LABEL", text_member (o, "label"));
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
write_names (EVCard           *vcard,
             JsonObject       *record,
             KithVCardVersion  version)
{
  const char *name = text_member (record, "name") ?: "";

  if (g_strcmp0 (text_member (record, "kind"), "company") == 0)
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
                                        text_member (record, "last") ?: "", text_member (record, "first") ?: "",
                                        "", "", "", NULL);
  add (vcard, EVC_FN, name);
  if (text_member (record, "company") != NULL || text_member (record, "department") != NULL)
    e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_ORG),
                                          text_member (record, "company") ?: "",
                                          text_member (record, "department") ?: "", NULL);
  if (text_member (record, "role") != NULL)
    add (vcard, EVC_TITLE, text_member (record, "role"));
  if (text_member (record, "birthday") != NULL)
    add (vcard, EVC_BDAY, text_member (record, "birthday"));
}

/**
 * kith_vcard_write_record:
 * @record: a person or company in the shape of docs/json.md
 * @extra: (nullable): the vCard properties kept with it (kith_store_dup_vcard_extra ())
 *
 * Returns: (transfer full): the card, BEGIN:VCARD to END:VCARD, lines ending in CRLF
 */
char *
kith_vcard_write_record (JsonObject        *record,
                         const char        *extra,
                         KithVCardVersion   version)
{
  g_autoptr(EVCard) vcard = e_vcard_new ();
  g_autofree char *text = NULL;
  const char *v30;

  add (vcard, "PRODID", "-//Kith//Kith//EN");
  write_names (vcard, record, version);
  write_channels (vcard, record, "emails", EVC_EMAIL, version);
  write_channels (vcard, record, "phones", EVC_TEL, version);
  write_channels (vcard, record, "faxes", EVC_TEL, version);
  write_addresses (vcard, record);
  write_strings (vcard, record, "urls", EVC_URL);
  write_strings (vcard, record, "domains", KITH_VCARD_DOMAIN);
  if (text_member (record, "notes") != NULL)
    add (vcard, EVC_NOTE, text_member (record, "notes"));
  write_categories (vcard, record);
  write_photo (vcard, record, version);
  write_socials (vcard, record);
  write_occasions (vcard, record);
  write_kith_fields (vcard, record);
  write_custom_fields (vcard, record);
  write_app_links (vcard, record);
  write_extra (vcard, extra);

  /* EVCard writes 3.0; 4.0 differs in the properties written above, not in the syntax */
  text = e_vcard_to_string (vcard, EVC_FORMAT_VCARD_30);
  if (version == KITH_VCARD_40 && (v30 = strstr (text, "VERSION:3.0\r\n")) != NULL)
    memcpy ((char *) v30 + strlen ("VERSION:"), "4.0", 3);

  /* EVCard leaves the line break after END:VCARD to what comes next */
  return g_strconcat (text, "\r\n", NULL);
}
