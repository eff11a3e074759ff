import json,glob,re,statistics as st,sys,os
out=sys.argv[1] if len(sys.argv)>1 else '/tmp/ps/out'
rows={}
for f in glob.glob(out+'/r*-*-*.json'):
    m=re.match(r'r(\d+)-(\w+)-(full|one)\.json',os.path.basename(f))
    r,arm,kind=int(m.group(1)),m.group(2),m.group(3)
    j=json.load(open(f))['results'][0]
    rows.setdefault(r,{})[(arm,kind)]=(j['wall']['pairedOverheadMicrosPerTest'],j['threadCpu']['pairedOverheadMicrosPerTest'],j['wall']['medianProtectedMs'],j['wall']['medianUnprotectedMs'])
arms=['base','main','rounds0']
print('| round | '+' | '.join(f'{a} per test (5,000) | {a} per suite run (1 test)' for a in arms)+' |')
print('|---:|'+'---:|'*6)
cols={}
for r in sorted(rows):
    cells=[]
    for a in arms:
        for k in ['full','one']:
            v=rows[r].get((a,k))
            if v is None: cells.append('–'); continue
            cols.setdefault((a,k,'w'),[]).append(v[0]); cols.setdefault((a,k,'c'),[]).append(v[1])
            cells.append(f'{v[0]:.2f} / {v[1]:.2f}' if k=='full' else f'{v[0]:.0f} / {v[1]:.0f}')
    print(f'| {r} | '+' | '.join(cells)+' |')
cells=[]
for a in arms:
    for k in ['full','one']:
        w=cols.get((a,k,'w'),[]);c=cols.get((a,k,'c'),[])
        if not w: cells.append('–');continue
        cells.append((f'**{st.median(w):.2f} / {st.median(c):.2f}**' if k=='full' else f'**{st.median(w):.0f} / {st.median(c):.0f}**'))
print('| **median** | '+' | '.join(cells)+' |')
# per test beyond suite: per round (full*5000 - one)/5000
print()
for a in arms:
    b=[]
    for r in sorted(rows):
        f=rows[r].get((a,'full')); o=rows[r].get((a,'one'))
        if f and o: b.append(((f[0]*5000-o[0])/5000,(f[1]*5000-o[1])/5000))
    if b: print(a,'beyond per round wall',[round(x[0],2) for x in b],'median wall %.2f cpu %.2f'%(st.median([x[0] for x in b]),st.median([x[1] for x in b])))
