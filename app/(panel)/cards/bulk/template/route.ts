import { BULK_COLUMNS } from '@/lib/bulk/columns';
import { toCsv } from '@/lib/bulk/parse';
import { routeUser } from '@/lib/bulk/route-auth';

// A CSV to start from: the header and one example row of each operation.
export async function GET() {
  const auth = await routeUser('cards.view');
  if (!auth.ok) return auth.response;
  const year = new Date().getUTCFullYear() + 1;
  const example: Record<string, string> = {
    operation: 'assign',
    email: 'jan.kowalski@example.com',
    phonePrefix: '48',
    phoneNumber: '600100200',
    totalAmount: '1500.00',
    startDate: `${year}-01-01`,
    endDate: `${year}-12-31`,
    timezone: 'Europe/Warsaw',
    limitGeneral: '500:weekly',
    limitAtm: 'disabled',
    mccBlock: 'gambling|cash',
    description: 'Sales team',
    tags: 'sales|2026',
  };
  const edit: Record<string, string> = { operation: 'edit', approvalId: '<approval id>', totalAmount: '2000.00', limitEcommerce: '300:monthly' };
  const csv = toCsv([[...BULK_COLUMNS], BULK_COLUMNS.map((c) => example[c] ?? ''), BULK_COLUMNS.map((c) => edit[c] ?? '')]);
  return new Response(`${csv}\r\n`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="bulk-cards-template.csv"' },
  });
}
