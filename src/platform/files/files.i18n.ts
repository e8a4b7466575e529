import type { FeatureMessages } from '../i18n/i18n.ts';

const nl = {
  'files.rejected.type_not_allowed': 'Dit type bestand kan niet worden toegevoegd. Toegestaan zijn PDF, Office-documenten (Word, Excel, PowerPoint, OpenDocument) en afbeeldingen (JPEG, PNG, WebP, GIF).',
  'files.rejected.empty': 'Dit bestand is leeg.',
  'files.rejected.image_unreadable': 'Deze afbeelding kunnen we niet lezen. Misschien is het bestand beschadigd of is de afbeelding te groot. Sla haar opnieuw op en probeer het nog eens.',
  'files.too_large': 'Een bestand is te groot.',
  'files.too_large_max': 'Het bestand is groter dan {max} MB.',
  'files.too_many': 'Je stuurt te veel bestanden tegelijk.',
  'files.too_many_max': { one: 'Je kunt hoogstens {count} bestand tegelijk toevoegen.', other: 'Je kunt hoogstens {count} bestanden tegelijk toevoegen.' },
};

export const filesMessages: FeatureMessages<typeof nl> = {
  nl,
  en: {
    'files.rejected.type_not_allowed': 'This type of file cannot be added. Allowed are PDF, Office documents (Word, Excel, PowerPoint, OpenDocument) and images (JPEG, PNG, WebP, GIF).',
    'files.rejected.empty': 'This file is empty.',
    'files.rejected.image_unreadable': 'We cannot read this image. The file may be damaged or the image too large. Save it again and try once more.',
    'files.too_large': 'A file is too large.',
    'files.too_large_max': 'The file is larger than {max} MB.',
    'files.too_many': 'You are sending too many files at once.',
    'files.too_many_max': { one: 'You can add at most {count} file at a time.', other: 'You can add at most {count} files at a time.' },
  },
};
